import {
  type Fact,
  facesFound,
  facesIn,
  objectFound,
  personFound,
  personIn,
  textFound,
  textIn,
} from './facts.js';
import type { Box, PictureSurvey } from './survey.js';

type Params = Record<string, unknown>;

const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);
const labelsOf = (params: Params) =>
  Array.isArray(params.labels) ? params.labels.filter((label) => typeof label === 'string') : undefined;
const boxOf = (params: Params) =>
  Array.isArray(params.box) &&
  params.box.length === 4 &&
  params.box.every((value) => typeof value === 'number')
    ? (params.box as Box)
    : undefined;

/**
 * What a tool's own output needs to answer its examples, by the tool's name: face tools a face,
 * OCR text (at the example's threshold), object detection the classes it names (at its
 * threshold), pose and person cut-outs a person.
 */
const TOOL_NEEDS = new Map<string, (survey: PictureSurvey, params: Params) => Fact>([
  ['detect_faces', (survey) => facesFound(survey)],
  ['read_text', (survey, params) => textFound(survey, numberOr(params.min_confidence, 0.5))],
  [
    'detect_objects',
    (survey, params) => objectFound(survey, labelsOf(params), numberOr(params.min_score, 0.3)),
  ],
  ['detect_pose', (survey) => personFound(survey)],
  ['segment_people', (survey) => personFound(survey)],
]);

/**
 * What a request's own words take for granted, whatever tool answers it ("the small sign … say?",
 * "the person in the distance"): within the example's `box` when it has one.
 */
const WORD_NEEDS: Array<{ words: RegExp; fact: (survey: PictureSurvey, box: Box | undefined) => Fact }> = [
  {
    words: /\b(faces?|ages?|expressions?)\b/i,
    fact: (survey, box) => (box ? facesIn(survey, box) : facesFound(survey)),
  },
  {
    words: /\b(text|written|writing|read|reads|say|says|sign|label|lines)\b/i,
    fact: (survey, box) => (box ? textIn(survey, box) : textFound(survey)),
  },
  {
    words: /\b(person|people|someone|man|woman|body)\b/i,
    fact: (survey, box) => (box ? personIn(survey, box) : personFound(survey)),
  },
];

/**
 * Whether a tool example suits the picture: false when the survey shows something its tool or its
 * request needs is missing, undefined when the survey cannot tell. Tools that only change pixels
 * (crop, resize, blur a half …) with requests that name nothing need nothing.
 * @see ../../README.md "Generate"
 */
export function exampleFits(
  tool: string,
  example: { request: string; API_params: Params },
  survey: PictureSurvey,
): Fact {
  const facts = [
    TOOL_NEEDS.get(tool)?.(survey, example.API_params),
    ...WORD_NEEDS.filter((need) => need.words.test(example.request)).map((need) =>
      need.fact(survey, boxOf(example.API_params)),
    ),
  ];
  if (facts.includes(false)) return false;
  return facts.every((fact) => fact === true) ? true : undefined;
}
