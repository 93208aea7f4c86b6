import type { Dialogue } from '../dialogue.js';
import { smallObject, smallText, whereIs } from '../survey/facts.js';
import type { Box, PictureSurvey } from '../survey/survey.js';
import type { GroundedTask } from './questions.js';
import { roundBox, withArticle } from './words.js';

const newImage = (output: Record<string, unknown> | undefined) =>
  (output?.new_images as string[] | undefined)?.[0] ?? 'image_2';

const enlarged = (output: Record<string, unknown> | undefined) =>
  typeof output?.scale === 'number' ? ` enlarged ${output.scale}×` : '';

async function zoom(d: Dialogue, box: Box, thoughts: string, padding?: number) {
  const [zoomed] = await d.act(
    thoughts,
    [
      {
        API_name: d.nameOf('zoom_in'),
        API_params: { image: 'image_1', box: roundBox(box), ...(padding === undefined ? {} : { padding }) },
      },
    ],
    'Zooming in.',
  );
  return { handle: newImage(zoomed), scale: enlarged(zoomed) };
}

function readSmallText(box: Box, where: string, key: string): GroundedTask {
  return {
    kind: 'zoom',
    key,
    request: `What does the small text ${where} say?`,
    run: async (d) => {
      const { handle, scale } = await zoom(
        d,
        box,
        `The text ${where} of image_1 is too small to read reliably; I zoom in on its region first.`,
      );
      const [read] = await d.act(
        `${handle} shows the text ${where}${scale}; read_text reads it.`,
        [{ API_name: d.nameOf('read_text'), API_params: { image: handle } }],
        'Reading the zoomed text.',
      );
      const text = String(read?.text ?? '');
      d.answer(
        `read_text read the enlarged text in ${handle}.`,
        text
          ? `The text ${where} reads:\n${text}`
          : `I zoomed in on the text ${where} but could not read it.`,
      );
    },
  };
}

function lookAtObject(label: string, box: Box, where: string, key: string): GroundedTask {
  return {
    kind: 'zoom',
    key,
    request: `Take a closer look at the small ${label} ${where}: what is it?`,
    run: async (d) => {
      const { handle, scale } = await zoom(
        d,
        box,
        `The ${label} ${where} is small in image_1; I zoom in on it, with some context around it.`,
        0.2,
      );
      const [found] = await d.act(
        `${handle} shows it${scale}; detect_objects looks at the close-up.`,
        [{ API_name: d.nameOf('detect_objects'), API_params: { image: handle, max_results: 3 } }],
        'Looking at the close-up.',
      );
      const objects = (found?.objects ?? []) as Array<{ label: string; score: number }>;
      const named = objects.map((object) => `${withArticle(object.label)} (score ${object.score})`);
      d.answer(
        `detect_objects looked at the enlarged region ${handle}.`,
        named.length === 0
          ? `Even enlarged (${handle}), I could not identify an object there.`
          : `Up close (${handle}) I see ${named.join(', ')}.`,
      );
    },
  };
}

/**
 * Look-again questions for small details the survey found: a small line of text (zoom_in, then
 * read_text on the zoomed picture) or a small object (zoom_in, then detect_objects on it). One per
 * place in the picture, so no two questions on a picture read alike. Needs zoom_in in the pool.
 */
export function zoomQuestions(survey: PictureSurvey, has: (tool: string) => boolean): GroundedTask[] {
  if (!has('zoom_in')) return [];
  const tasks: GroundedTask[] = [];
  const places = new Set<string>();
  for (const line of has('read_text') ? (survey.lines ?? []) : []) {
    const where = whereIs(line.box);
    if (!smallText(line.box, survey) || places.has(`text ${where}`)) continue;
    places.add(`text ${where}`);
    tasks.push(readSmallText(line.box, where, `read:${places.size - 1}`));
  }
  let objects = 0;
  for (const object of has('detect_objects') ? (survey.objects ?? []) : []) {
    const where = whereIs(object.box);
    if (!smallObject(object.box) || places.has(`${object.label} ${where}`)) continue;
    places.add(`${object.label} ${where}`);
    tasks.push(lookAtObject(object.label, object.box, where, `object:${objects++}`));
  }
  return tasks;
}
