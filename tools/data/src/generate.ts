import { fillAnswerTemplate } from '@mmskills/core';
import type { SkillPool } from '@mmskills/host';
import { Dialogue, ToolCallFailed } from './dialogue.js';
import { listImages, readSampleImage } from './image-files.js';
import { allTasks, orderTasks, type Task } from './plan.js';
import { type Random, seededRandom } from './prng.js';
import type { Sample } from './sample.js';

export interface GenerateOptions {
  pool: SkillPool;
  /** Folder of pictures; samples name them relative to it. */
  imagesDir: string;
  count: number;
  seed: string | number;
  /** Told about each sample made (for progress output). */
  onSample?: (sample: Sample, made: number) => void;
}

export interface GenerateResult {
  samples: Sample[];
  /** Tasks dropped because a tool answered with an error, and why. */
  skipped: Array<{ id: string; reason: string }>;
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

async function runTask(task: Task, dialogue: Dialogue, random: Random, options: GenerateOptions) {
  const tools = await options.pool.tools();
  if (task.kind === 'none') {
    return dialogue.answer(task.request.thoughts, task.request.answer(tools));
  }
  if (task.kind === 'chain') {
    await task.chain.run(dialogue, task.request);
    return dialogue.turns;
  }
  const name = task.tool.name;
  const [output] = await dialogue.act(
    random.pick(FIRST_THOUGHTS)(name, task.example.request),
    [{ API_name: name, API_params: task.example.API_params }],
    random.pick(FIRST_VALUES)(name),
  );
  return dialogue.answer(random.pick(LAST_THOUGHTS)(name), fillAnswerTemplate(task.example.answer, output));
}

function requestOf(task: Task): string {
  if (task.kind === 'tool') return task.example.request;
  return task.kind === 'chain' ? task.request : task.request.request;
}

/**
 * Makes `count` LLaVA-Plus samples by running the real skills of `pool` on the pictures of
 * `imagesDir`: single-tool samples from the tools' declared examples, multi-step chains, and
 * no-tool samples. The same seed, pictures and skills give the same samples, byte for byte.
 * @see ../README.md "Generate"
 */
export async function generateSamples(options: GenerateOptions): Promise<GenerateResult> {
  const images = await listImages(options.imagesDir);
  const tools = await options.pool.tools();
  const order = orderTasks(allTasks(images, tools), options.count, seededRandom(options.seed));
  const samples: Sample[] = [];
  const skipped: GenerateResult['skipped'] = [];
  for (const task of order) {
    if (samples.length >= options.count) break;
    const picture = await readSampleImage(options.imagesDir, task.image.name);
    const dialogue = new Dialogue(options.pool, tools, requestOf(task), picture);
    // Each task has its own stream, so dropping one sample never changes another.
    const random = seededRandom(`${options.seed}/${task.id}`);
    try {
      const conversations = await runTask(task, dialogue, random, options);
      const sample = { id: task.id, image: task.image.name, conversations };
      samples.push(sample);
      options.onSample?.(sample, samples.length);
    } catch (error) {
      if (!(error instanceof ToolCallFailed)) throw error;
      skipped.push({ id: task.id, reason: error.message });
    }
  }
  return { samples, skipped };
}
