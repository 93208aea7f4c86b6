import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MmskillsError, modelCacheDir, type PulledModel, resolveSkillModel } from '@mmskills/core';

/** The families this skill runs: CLIP scores labels by softmax, SigLIP by sigmoid. */
export type ClipFamily = 'clip' | 'siglip';

/** A model folder found on disk and what it holds. */
export interface ModelFolder {
  /** The catalogue name, or `folder-<hash>` for a folder the user gave (names its index). */
  key: string;
  name: string;
  dir: string;
  source: PulledModel['source'];
  family: ClipFamily;
  /** `q8` when the folder holds the int8 graphs (`onnx/*_quantized.onnx`), else `fp32`. */
  dtype: 'q8' | 'fp32';
}

export const MODEL_FLAG = '--model';
export const MODEL_ENV = 'MMSKILLS_CLIP_MODEL';

/**
 * The model the skill should run, as `--model` / `MMSKILLS_CLIP_MODEL` say, checked for what
 * transformers.js will read from it.
 * @throws MmskillsError `model_not_found` naming the pull command or the missing file
 */
export function findModelFolder(choice: string | undefined, env: NodeJS.ProcessEnv): ModelFolder {
  const cacheDir = modelCacheDir(env);
  const pulled = resolveSkillModel({ skill: 'clip', choice, flag: MODEL_FLAG, envVar: MODEL_ENV, cacheDir });
  const family = pulled.model?.family ?? familyOf(pulled.dir);
  if (family !== 'clip' && family !== 'siglip') {
    throw missing(`${pulled.dir} holds a "${family}" model; the clip skill runs CLIP and SigLIP models`);
  }
  const dtype = existsSync(join(pulled.dir, 'onnx', 'vision_model_quantized.onnx')) ? 'q8' : 'fp32';
  const suffix = dtype === 'q8' ? '_quantized' : '';
  const needed = ['config.json', 'preprocessor_config.json', 'tokenizer.json'].concat(
    ['model', 'text_model', 'vision_model'].map((graph) => `onnx/${graph}${suffix}.onnx`),
  );
  const absent = needed.filter((file) => !existsSync(join(pulled.dir, file)));
  if (absent.length > 0) {
    throw missing(
      `the model folder ${pulled.dir} lacks ${absent.join(', ')}; a CLIP or SigLIP folder laid out as the Xenova hub repos are has them`,
    );
  }
  const key =
    pulled.model?.name ?? `folder-${createHash('sha256').update(pulled.dir).digest('hex').slice(0, 12)}`;
  return {
    key,
    name: pulled.model?.name ?? basename(pulled.dir),
    dir: pulled.dir,
    source: pulled.source,
    family,
    dtype,
  };
}

function familyOf(dir: string): string {
  const file = join(dir, 'config.json');
  if (!existsSync(file)) throw missing(`the model folder ${dir} has no config.json`);
  try {
    const config = JSON.parse(readFileSync(file, 'utf8')) as { model_type?: unknown };
    return typeof config.model_type === 'string' ? config.model_type : 'unknown';
  } catch (error) {
    throw missing(`${file} is not valid JSON (${error instanceof Error ? error.message : error})`);
  }
}

function missing(message: string): MmskillsError {
  return new MmskillsError('model_not_found', message);
}
