import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MmskillsError, type PulledModel, resolveSkillModel } from '@mmskills/core';
import { loadOnnxSession, releaseOnnxSessions } from '@mmskills/models';
import { ModelSlot, type ModelStatus } from '@mmskills/skill-kit';
import type { InferenceSession } from 'onnxruntime-node';

/** The file name of the catalogue's LaMa export, also looked for first in a folder the user gives. */
const LAMA_FILE = 'lama_fp32.onnx';
const DEFAULT_NAME = 'lama-fp32';

/** Where the skill's model comes from: a catalogue name or a folder (`--model`), else the default. */
export interface LamaModelOptions {
  choice?: string;
  /** The model cache; `MMSKILLS_MODEL_DIR` or ~/.cache/mmskills/models when absent. */
  cacheDir?: string;
}

/** A loaded LaMa: the side of its square input and a run on one RGB crop and its hole. */
export interface LoadedLama {
  size: number;
  /** `image` is [1, 3, size, size] RGB in 0..1, `mask` [1, 1, size, size] with 1 = fill; returns RGB in 0..255. */
  fill(image: Float32Array, mask: Float32Array): Promise<Float32Array>;
}

function locate(options: LamaModelOptions): PulledModel {
  return resolveSkillModel({
    skill: 'inpaint',
    choice: options.choice,
    flag: '--model',
    envVar: 'MMSKILLS_INPAINT_MODEL',
    ...(options.cacheDir !== undefined && { cacheDir: options.cacheDir }),
  });
}

function onnxFileIn(found: PulledModel): string {
  const listed = found.model?.files.find((file) => file.file.endsWith('.onnx'))?.file;
  if (listed) return join(found.dir, listed);
  const onnx = readdirSync(found.dir).filter((name) => name.endsWith('.onnx'));
  if (onnx.includes(LAMA_FILE)) return join(found.dir, LAMA_FILE);
  if (onnx.length === 1 && onnx[0]) return join(found.dir, onnx[0]);
  throw new MmskillsError(
    'model_not_found',
    `--model / MMSKILLS_INPAINT_MODEL folder "${found.dir}" holds ${onnx.length ? `${onnx.length} .onnx files (${onnx.join(', ')})` : 'no .onnx file'}; ` +
      `put LaMa's ${LAMA_FILE} in it`,
  );
}

/** The square side of LaMa's `image` input, after checking both inputs match the export's signature. */
function signatureOf(session: InferenceSession, file: string): number {
  const wrong = (detail: string) =>
    new MmskillsError('model_failed', `"${file}" is not a LaMa export this skill runs: ${detail}`);
  const input = (name: string) => {
    const meta = session.inputMetadata.find((entry) => entry.name === name);
    if (!meta?.isTensor)
      throw wrong(`it has no "${name}" input (its inputs: ${session.inputNames.join(', ')})`);
    if (meta.type !== 'float32') throw wrong(`its "${name}" input is ${meta.type}, not float32`);
    return meta.shape;
  };
  const image = input('image');
  const mask = input('mask');
  const side = image[2];
  if (image.length !== 4 || image[1] !== 3 || typeof side !== 'number' || image[3] !== side) {
    throw wrong(`its "image" input is [${image.join(', ')}], not [batch, 3, N, N]`);
  }
  if (mask.length !== 4 || mask[1] !== 1 || mask[2] !== side || mask[3] !== side) {
    throw wrong(`its "mask" input is [${mask.join(', ')}], not [batch, 1, ${side}, ${side}]`);
  }
  if (session.outputNames.length !== 1) throw wrong(`it has ${session.outputNames.length} outputs, not 1`);
  return side;
}

async function loadLama(file: string): Promise<LoadedLama> {
  // Idle intra-op threads sleep rather than spin: calls are seconds apart on a shared CPU.
  const session = await loadOnnxSession(file, { spinning: false });
  const size = signatureOf(session, file);
  const { Tensor } = await import('onnxruntime-node');
  const output = session.outputNames[0] ?? 'output';
  return {
    size,
    async fill(image, mask) {
      const results = await session.run({
        image: new Tensor('float32', image, [1, 3, size, size]),
        mask: new Tensor('float32', mask, [1, 1, size, size]),
      });
      const result = results[output];
      const dims = result?.dims.join('×');
      if (!(result instanceof Tensor) || result.type !== 'float32' || dims !== `1×3×${size}×${size}`) {
        throw new MmskillsError(
          'model_failed',
          `LaMa's output is ${result?.type} ${dims}, not float32 1×3×${size}×${size}`,
        );
      }
      return result.data as Float32Array;
    },
  };
}

/** The skill's LaMa, found and loaded on first use; a missing model is looked for again on each call. */
export function lamaModel(options: LamaModelOptions) {
  // One load shared by concurrent calls; a failure is forgotten so that the next call looks again
  // (the user may pull the model while the skill runs). loadOnnxSession keeps the session for the
  // process, so an unload releases them all, which forgets it there too.
  const slot = new ModelSlot(() => loadLama(onnxFileIn(locate(options))), releaseOnnxSessions);
  const status = (): ModelStatus => {
    try {
      const found = locate(options);
      return {
        name: found.model?.name ?? found.dir,
        family: 'lama',
        source: found.source,
        path: found.dir,
        backend: 'onnxruntime-node (cpu)',
        loaded: slot.current !== undefined,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        name: options.choice ?? DEFAULT_NAME,
        family: 'lama',
        source: 'none',
        missing: true,
        error: message,
        loaded: false,
      };
    }
  };
  return { get: () => slot.get(), unload: () => slot.unload(), status };
}
export type LamaModel = ReturnType<typeof lamaModel>;
