import { join } from 'node:path';
import {
  type LlamaModelOptions,
  llamaPresets,
  type MmprojOptions,
  measureLlamaModel,
  tensorBytes,
  writeLlamaModel,
  writeMmproj,
} from '@mmskills/test-models';

/** A model to make and measure. */
export interface ModelPlan {
  name: string;
  file: string;
  options: LlamaModelOptions;
  mmproj: string;
}

/** What was made: sizes, and the bytes a decode step reads (every matrix but the token embedding, which is only looked up). */
export interface MadeModel extends ModelPlan {
  parameters: number;
  fileBytes: number;
  weightBytesPerToken: number;
  seconds: number;
}

/** A CLIP ViT-L/14 at 336 px, as in LLaVA-1.5: 576 image tokens, ~0.3B parameters. */
const clipLarge = {
  visionEmbd: 1024,
  layers: 24,
  heads: 16,
  ff: 4096,
  imageSize: 336,
  patchSize: 14,
  type: 'f16',
} as const;

/** ~1B (Q8_0 and F16) and ~7B (Q8_0) models, or tiny stand-ins of the same roles for a dry run. */
export function modelPlans(dir: string, dryRun: boolean): ModelPlan[] {
  const { tiny } = llamaPresets;
  const shapes: Array<[string, LlamaModelOptions]> = dryRun
    ? [
        ['tiny-q8_0', { ...tiny, type: 'q8_0' }],
        ['tiny-f16', { ...tiny, type: 'f16' }],
        ['tiny-wide-q8_0', { ...tiny, embd: 128, ff: 256, vocabSize: 4000, type: 'q8_0' }],
      ]
    : [
        ['1b-q8_0', { ...llamaPresets['1b'], type: 'q8_0' }],
        ['1b-f16', { ...llamaPresets['1b'], type: 'f16' }],
        ['7b-q8_0', { ...llamaPresets['7b'], type: 'q8_0' }],
      ];
  return shapes.map(([name, options]) => ({
    name,
    file: join(dir, `${name}.gguf`),
    options,
    mmproj: join(dir, `mmproj-${measureLlamaModel(options).shape.embd}.gguf`),
  }));
}

/** The projector for a text model of width `textEmbd`: CLIP-L sized, or the generator's tiny default. */
export function mmprojOptions(textEmbd: number, dryRun: boolean): MmprojOptions {
  return dryRun ? { textEmbd } : { textEmbd, ...clipLarge };
}

/**
 * Writes the models one after another on `threads` workers and, meanwhile on the main thread, one
 * projector per text width. Returns what was made, with timings.
 */
export async function makeModels(plans: ModelPlan[], threads: number, dryRun: boolean) {
  const projectors = new Map(plans.map((plan) => [plan.mmproj, measureLlamaModel(plan.options).shape.embd]));
  const made: MadeModel[] = [];
  const projectorTimes: Array<{ file: string; parameters: number; imageTokens: number; seconds: number }> =
    [];
  const models = async () => {
    for (const plan of plans) {
      const started = performance.now();
      const summary = await writeLlamaModel(plan.file, { ...plan.options, threads });
      const { embd, vocabSize } = summary.shape;
      made.push({
        ...plan,
        parameters: summary.parameters,
        fileBytes: summary.fileBytes,
        weightBytesPerToken: summary.fileBytes - tensorBytes(summary.type, embd * vocabSize),
        seconds: seconds(started),
      });
    }
  };
  const mmprojs = async () => {
    for (const [file, textEmbd] of projectors) {
      const started = performance.now();
      const summary = await writeMmproj(file, mmprojOptions(textEmbd, dryRun));
      projectorTimes.push({
        file,
        parameters: summary.parameters,
        imageTokens: summary.imageTokens,
        seconds: seconds(started),
      });
    }
  };
  await Promise.all([models(), mmprojs()]);
  return {
    models: plans.map((plan) => made.find((entry) => entry.name === plan.name) as MadeModel),
    projectors: projectorTimes,
  };
}

function seconds(started: number): number {
  return Math.round(performance.now() - started) / 1000;
}
