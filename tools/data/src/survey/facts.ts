import type { Box, PictureSurvey } from './survey.js';

/** true / false when the survey saw it, undefined when it could not look (tool missing or failed). */
export type Fact = boolean | undefined;

/** A task is planned unless the survey shows it does not fit; an unknown fact does not hold it back. */
export const fits = (fact: Fact): boolean => fact !== false;

/** Several facts, any of which is enough: true if one is, false only if all are known false. */
export function anyOf(...facts: Fact[]): Fact {
  if (facts.includes(true)) return true;
  return facts.includes(undefined) ? undefined : false;
}

export const facesFound = (survey: PictureSurvey): Fact =>
  survey.faces === undefined ? undefined : survey.faces.length > 0;

export const textFound = (survey: PictureSurvey, minConfidence = 0): Fact =>
  survey.lines?.some((line) => line.confidence >= minConfidence);

/** An object of one of `labels` (any label when omitted) at `minScore` or more. */
export function objectFound(survey: PictureSurvey, labels?: readonly string[], minScore = 0): Fact {
  return survey.objects?.some(
    (object) => object.score >= minScore && (labels === undefined || labels.includes(object.label)),
  );
}

/** A person: detected as one, or a face was found. */
export const personFound = (survey: PictureSurvey): Fact =>
  anyOf(objectFound(survey, ['person']), facesFound(survey));

const centre = (box: Box) => [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2] as const;

/** Whether the centre of `box` lies in `region`: what "the thing is in that part" means here. */
export const centredIn = (box: Box, region: Box): boolean => {
  const [x, y] = centre(box);
  return x >= region[0] && x <= region[2] && y >= region[1] && y <= region[3];
};

/** Text whose line centre lies in `region`. */
export const textIn = (survey: PictureSurvey, region: Box): Fact =>
  survey.lines?.some((line) => centredIn(line.box, region));

export const facesIn = (survey: PictureSurvey, region: Box): Fact =>
  survey.faces?.some((box) => centredIn(box, region));

/** A person (a detected one, or a face) centred in `region`. */
export const personIn = (survey: PictureSurvey, region: Box): Fact =>
  anyOf(
    survey.objects?.some((object) => object.label === 'person' && centredIn(object.box, region)),
    facesIn(survey, region),
  );

// OCR models read lines best at 32-48 px; a line under this height is worth enlarging.
const SMALL_TEXT_PX = 40;
// An object under this share of the picture is a detail a model sees poorly at its input size.
const SMALL_OBJECT_AREA = 0.05;

/** A line too small to read well at the picture's size (by height share when the size is unknown). */
export function smallText(box: Box, survey: PictureSurvey): boolean {
  const height = box[3] - box[1];
  return survey.size ? height * survey.size.height < SMALL_TEXT_PX : height < 0.05;
}

export const smallObject = (box: Box): boolean => (box[2] - box[0]) * (box[3] - box[1]) < SMALL_OBJECT_AREA;

/** Where a box sits, in words: "at the top left", "on the right", "in the centre". */
export function whereIs(box: Box): string {
  const [x, y] = centre(box);
  const column = x < 1 / 3 ? 'left' : x > 2 / 3 ? 'right' : 'centre';
  const row = y < 1 / 3 ? 'top' : y > 2 / 3 ? 'bottom' : 'middle';
  if (row === 'middle') return column === 'centre' ? 'in the centre' : `on the ${column}`;
  return column === 'centre' ? `at the ${row}` : `at the ${row} ${column}`;
}
