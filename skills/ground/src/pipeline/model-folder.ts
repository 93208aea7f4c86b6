import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MmskillsError } from '@mmskills/core';
import { z } from 'zod';

/** The model families this skill runs, by `config.json`'s `model_type`. */
export const FAMILIES = ['owlv2', 'owlvit', 'grounding-dino'] as const;
export type Family = (typeof FAMILIES)[number];

/** transformers.js dtype names, and the ONNX file each loads (`onnx/model<suffix>.onnx`). */
const WEIGHTS = [
  ['fp32', 'model.onnx'],
  ['q8', 'model_quantized.onnx'],
  ['fp16', 'model_fp16.onnx'],
  ['int8', 'model_int8.onnx'],
  ['uint8', 'model_uint8.onnx'],
  ['q4', 'model_q4.onnx'],
] as const;
export type Dtype = (typeof WEIGHTS)[number][0];

/** What the skill needs to know about a model folder before loading it. */
export interface ModelFolder {
  dir: string;
  family: Family;
  dtype: Dtype;
  /** The ONNX file that dtype loads, relative to `dir`. */
  onnxFile: string;
}

const ConfigSchema = z.object({ model_type: z.string() });

/**
 * Reads a model folder laid out as the hub repos are: the family from `config.json`, and the
 * weights from `onnx/` (full precision first where several were downloaded, else the one present).
 * @throws MmskillsError `model_failed` when the folder is not a model this skill runs.
 */
export async function inspectModelFolder(dir: string): Promise<ModelFolder> {
  let modelType: string;
  try {
    modelType = ConfigSchema.parse(JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'))).model_type;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MmskillsError(
      'model_failed',
      `${join(dir, 'config.json')} is missing or not a model config: ${reason}`,
      {
        cause: error,
      },
    );
  }
  const family = FAMILIES.find((name) => name === modelType.replace('_', '-'));
  if (!family) {
    throw new MmskillsError(
      'model_failed',
      `${dir} holds a "${modelType}" model; the ground skill runs ${FAMILIES.join(', ')}`,
    );
  }
  const weights = WEIGHTS.find(([, file]) => existsSync(join(dir, 'onnx', file)));
  if (!weights) {
    throw new MmskillsError(
      'model_failed',
      `${join(dir, 'onnx')} holds none of ${WEIGHTS.map(([, file]) => file).join(', ')}`,
    );
  }
  return { dir, family, dtype: weights[0], onnxFile: `onnx/${weights[1]}` };
}
