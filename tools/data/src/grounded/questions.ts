import type { Dialogue } from '../dialogue.js';
import { personFound, whereIs } from '../survey/facts.js';
import type { Box, PictureSurvey } from '../survey/survey.js';
import { boxText, countOf, pluralOf, withArticle } from './words.js';

/**
 * A question written for one picture from what the survey found there. `ask` questions name what
 * was found; `negative` ones ask for what the survey did not find, and are answered "no" from the
 * tool's real output; `zoom` ones look closer at a small detail.
 */
export interface GroundedTask {
  kind: 'ask' | 'negative' | 'zoom';
  /** Stable within the picture: `<name>:<label or n>`. */
  key: string;
  request: string;
  run(dialogue: Dialogue): Promise<void>;
}

// Classes asked about where the survey saw none: common COCO classes, so the "no" is plausible.
const ABSENT_CANDIDATES = [
  'person',
  'cat',
  'dog',
  'car',
  'bicycle',
  'cup',
  'bottle',
  'chair',
  'laptop',
  'book',
];

const places = (boxes: readonly Box[]) => boxes.map((box) => `${whereIs(box)} (box ${boxText(box)})`);

function objectsAnswer(label: string, boxes: readonly Box[]): string {
  if (boxes.length === 0) return `I found no ${pluralOf(label)} in this picture.`;
  if (boxes.length === 1) return `There is ${withArticle(label)} ${places(boxes)[0]}.`;
  return `There are ${countOf(boxes.length, label)}: ${places(boxes).join('; ')}.`;
}

async function findLabel(d: Dialogue, label: string, thoughts: string): Promise<Box[]> {
  const [found] = await d.act(
    thoughts,
    [{ API_name: d.nameOf('detect_objects'), API_params: { image: 'image_1', labels: [label] } }],
    `Looking for ${pluralOf(label)}.`,
  );
  return ((found?.objects ?? []) as Array<{ box: Box }>).map((object) => object.box);
}

function objectQuestions(survey: PictureSurvey): GroundedTask[] {
  const found = [...new Set((survey.objects ?? []).map((object) => object.label))];
  const asks = found.flatMap((label): GroundedTask[] => {
    const many = (survey.objects ?? []).filter((object) => object.label === label).length > 1;
    const thoughts = `detect_objects, limited to ${pluralOf(label)}, gives their boxes.`;
    return [
      {
        kind: 'ask',
        key: `where:${label}`,
        request: many
          ? `Where are the ${pluralOf(label)} in this picture?`
          : `Where is the ${label} in this picture?`,
        run: async (d) => {
          const boxes = await findLabel(d, label, thoughts);
          d.answer(`detect_objects returned ${countOf(boxes.length, 'box')}.`, objectsAnswer(label, boxes));
        },
      },
      {
        kind: 'ask',
        key: `count:${label}`,
        request: `How many ${pluralOf(label)} are in this picture?`,
        run: async (d) => {
          const boxes = await findLabel(d, label, `To count ${pluralOf(label)}, ${thoughts}`);
          d.answer(`I count the boxes detect_objects returned.`, `I count ${countOf(boxes.length, label)}.`);
        },
      },
    ];
  });
  if (survey.objects === undefined) return asks;
  // A face is a person too, though the detector may have missed the body.
  const seen = personFound(survey) ? [...found, 'person'] : found;
  const absent = ABSENT_CANDIDATES.filter((label) => !seen.includes(label)).map(
    (label): GroundedTask => ({
      kind: 'negative',
      key: `absent:${label}`,
      request: `Is there ${withArticle(label)} in this picture?`,
      run: async (d) => {
        const boxes = await findLabel(
          d,
          label,
          `detect_objects, limited to ${pluralOf(label)}, answers this.`,
        );
        const answer =
          boxes.length === 0
            ? `No, I found no ${label} in this picture.`
            : `Yes. ${objectsAnswer(label, boxes)}`;
        d.answer(`detect_objects returned ${countOf(boxes.length, 'box')}.`, answer);
      },
    }),
  );
  return [...asks, ...absent];
}

interface Presence {
  key: string;
  request: string;
  tool: string;
  params: Record<string, unknown>;
  thoughts: string;
  noun: string;
  /** The answer when the tool found some, from its output and how many. */
  yes(output: Record<string, unknown>, count: number): string;
  no: string;
}

/** "Are there any …?": `ask` where the survey found some, `negative` where it found none. */
function presenceQuestion(found: readonly unknown[], spec: Presence): GroundedTask {
  return {
    kind: found.length > 0 ? 'ask' : 'negative',
    key: spec.key,
    request: spec.request,
    run: async (d) => {
      const [output = {}] = await d.act(
        spec.thoughts,
        [{ API_name: d.nameOf(spec.tool), API_params: { image: 'image_1', ...spec.params } }],
        `Running ${spec.tool}.`,
      );
      const count = ((output[`${spec.noun}s`] ?? []) as unknown[]).length;
      d.answer(
        `${spec.tool} found ${countOf(count, spec.noun)}.`,
        count === 0 ? spec.no : spec.yes(output, count),
      );
    },
  };
}

function presenceQuestions(survey: PictureSurvey): GroundedTask[] {
  const faces = presenceQuestion(survey.faces ?? [], {
    key: 'any-faces:0',
    request: 'Are there any faces in this picture?',
    tool: 'detect_faces',
    params: { landmarks: false },
    thoughts: 'detect_faces finds faces; an empty list means there are none.',
    noun: 'face',
    yes: (output, count) =>
      `Yes, ${countOf(count, 'face')}: ${places((output.faces as Array<{ box: Box }>).map((face) => face.box)).join('; ')}.`,
    no: 'No, I found no faces in this picture.',
  });
  const text = presenceQuestion(survey.lines ?? [], {
    key: 'any-text:0',
    request: 'Is there any text in this image?',
    tool: 'read_text',
    params: {},
    thoughts: 'read_text reads any text; no lines means there is none.',
    noun: 'line',
    yes: (output, count) => `Yes, ${countOf(count, 'line')} of text:\n${String(output.text ?? '')}`,
    no: 'No, I could not find any readable text in this picture.',
  });
  return [...(survey.faces ? [faces] : []), ...(survey.lines ? [text] : [])];
}

/** The survey-grounded questions for one picture (zoom ones aside, see zoom.ts). */
export function groundedQuestions(survey: PictureSurvey): GroundedTask[] {
  return [...presenceQuestions(survey), ...objectQuestions(survey)];
}
