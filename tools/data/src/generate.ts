import { fillAnswerTemplate } from '@mmskills/core';
import type { SkillPool } from '@mmskills/host';
import { Dialogue, ToolCallFailed } from './dialogue.js';
import { imageField } from './export/image-tokens.js';
import { type ImageFile, listImages, readSampleImage } from './image-files.js';
import { allTasks, orderTasks, type Task } from './plan.js';
import { type Random, seededRandom } from './prng.js';
import type { Sample } from './sample.js';
import { type PictureSurvey, surveyPicture } from './survey/survey.js';

export interface GenerateOptions {
  pool: SkillPool;
  /** Folder of pictures; samples name them relative to it. */
  imagesDir: string;
  count: number;
  seed: string | number;
  /** Told about each sample made (for progress output). */
  onSample?: (sample: Sample, made: number) => void;
}

/** A picture a tool returned that a sample shows the model: `name` is its path in `image`. */
export interface MadeImage {
  name: string;
  data: Buffer;
  mimeType: string;
}

export interface GenerateResult {
  samples: Sample[];
  /**
   * Tasks dropped because a tool answered with an error, and survey calls that failed
   * (`<picture>:survey:<tool>`: that fact is unknown, so the plan does not rely on it), and why.
   */
  skipped: Array<{ id: string; reason: string }>;
  /** The tool-made pictures the samples name, to be written beside the user's pictures. */
  made: MadeImage[];
  /** What the skills found in each picture before planning, and how long that took. */
  survey: { pictures: ReadonlyMap<string, PictureSurvey>; ms: number };
}

const FIRST_THOUGHTS = [
  (tool: string, request: string) =>
    `The user asks: "${request}". ${tool} can answer that, so I call it on image_1.`,
  (tool: string) => `To answer I need the output of ${tool} on image_1.`,
  (tool: string) => `${tool} fits this request; I run it on image_1.`,
];
const FIRST_VALUES = [
  (tool: string) => `Let me use ${tool}.`,
  (tool: string) => `Running ${tool} on the picture.`,
];
const LAST_THOUGHTS = [
  (tool: string) => `Thanks to the output of ${tool} I can answer the question.`,
  (tool: string) => `${tool} returned its result; I summarise it for the user.`,
];

async function runTask(
  task: Task,
  dialogue: Dialogue,
  random: Random,
  options: GenerateOptions,
): Promise<void> {
  if (task.kind === 'none') {
    dialogue.answer(task.request.thoughts, task.request.answer(await options.pool.tools()));
    return;
  }
  if (task.kind === 'chain') return task.chain.run(dialogue, task.request);
  if (task.kind !== 'tool') return task.grounded.run(dialogue);
  const name = task.tool.name;
  const [output] = await dialogue.act(
    random.pick(FIRST_THOUGHTS)(name, task.example.request),
    [{ API_name: name, API_params: task.example.API_params }],
    random.pick(FIRST_VALUES)(name),
  );
  dialogue.answer(random.pick(LAST_THOUGHTS)(name), fillAnswerTemplate(task.example.answer, output));
}

function requestOf(task: Task): string {
  if (task.kind === 'tool') return task.example.request;
  if (task.kind === 'chain') return task.request;
  return task.kind === 'none' ? task.request.request : task.grounded.request;
}

/** A file name for a tool-made picture: the sample id made safe for any file system, then its handle. */
function madeName(id: string, handle: string, mimeType: string): string {
  const extension = { 'image/jpeg': 'jpg', 'image/webp': 'webp' }[mimeType] ?? 'png';
  return `${id.replace(/[^A-Za-z0-9._-]/g, '_')}_${handle}.${extension}`;
}

async function surveyAll(
  options: GenerateOptions,
  images: readonly ImageFile[],
  skipped: GenerateResult['skipped'],
) {
  const tools = await options.pool.tools();
  const started = performance.now();
  const pictures = new Map<string, PictureSurvey>();
  // One picture at a time: its surveys already run in parallel, one per skill process.
  for (const image of images) {
    const picture = await readSampleImage(options.imagesDir, image.name);
    const { survey, failures } = await surveyPicture(options.pool, tools, picture);
    pictures.set(image.name, survey);
    for (const failure of failures) {
      skipped.push({ id: `${image.name}:survey:${failure.tool}`, reason: failure.reason });
    }
  }
  return { pictures, ms: Math.round(performance.now() - started) };
}

/**
 * Makes `count` LLaVA-Plus samples by running the real skills of `pool` on the pictures of
 * `imagesDir`: each picture is first surveyed with the skills (faces, objects, text, size), then
 * only tasks that suit what was found are planned: single-tool samples from the tools' declared
 * examples, questions about what was found (and a few about what was not), multi-step chains,
 * zooms on small details, and no-tool samples. The same seed, pictures and skills give the same
 * samples and pictures, byte for byte.
 * @see ../README.md "Generate"
 */
export async function generateSamples(options: GenerateOptions): Promise<GenerateResult> {
  const images = await listImages(options.imagesDir);
  const tools = await options.pool.tools();
  const skipped: GenerateResult['skipped'] = [];
  const survey = await surveyAll(options, images, skipped);
  const tasks = allTasks(images, tools, survey.pictures);
  const order = orderTasks(tasks, options.count, seededRandom(options.seed));
  const result: GenerateResult = { samples: [], skipped, made: [], survey };
  for (const task of order) {
    if (result.samples.length >= options.count) break;
    const picture = await readSampleImage(options.imagesDir, task.image.name);
    const dialogue = new Dialogue(options.pool, tools, requestOf(task), picture);
    // Each task has its own stream, so dropping one sample never changes another.
    const random = seededRandom(`${options.seed}/${task.id}`);
    try {
      await runTask(task, dialogue, random, options);
    } catch (error) {
      if (!(error instanceof ToolCallFailed)) throw error;
      result.skipped.push({ id: task.id, reason: error.message });
      continue;
    }
    const made = dialogue.shown.map((image) => ({
      name: madeName(task.id, image.handle, image.mimeType),
      data: image.data,
      mimeType: image.mimeType,
    }));
    const sample = {
      id: task.id,
      ...imageField([task.image.name, ...made.map((image) => image.name)]),
      conversations: dialogue.turns,
    };
    result.samples.push(sample);
    result.made.push(...made);
    options.onSample?.(sample, result.samples.length);
  }
  return result;
}
