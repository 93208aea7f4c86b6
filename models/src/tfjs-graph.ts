import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { MmskillsError } from '@mmskills/core/runtime';
import type * as TfConverter from '@tensorflow/tfjs-converter';
import type * as Tfjs from '@tensorflow/tfjs-core';
import { realModelPath } from './model-path.js';

/**
 * The `@tensorflow/tfjs-core` namespace (tensors and ops), initialised on the wasm backend. Core,
 * the converter and the wasm backend are all a graph model needs: the `@tensorflow/tfjs` bundle
 * adds layers, data, and the cpu and webgl backends, 16 MiB of a skill's memory (issue 21).
 */
export type Tf = typeof Tfjs;

let tfReady: Promise<Tf> | undefined;
// The priority @tensorflow/tfjs-backend-wasm registers its backend with.
const WASM_PRIORITY = 2;
const models = new Map<string, Promise<TfConverter.GraphModel>>();

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function initTf(): Promise<Tf> {
  const tf: Tf = await import('@tensorflow/tfjs-core');
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  // tfjs prints notices (e.g. "install tfjs-node") through console; stdout is the MCP stdio transport.
  tf.env().set('PROD', true);
  const require = createRequire(import.meta.url);
  const distDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  // In Node the wasm loader reads "<prefix><file>.wasm" with fs, so a directory path with a trailing separator works.
  setWasmPaths(`${distDir}${sep}`);
  if (!(await tf.setBackend('wasm'))) {
    throw new MmskillsError('model_failed', `the tfjs wasm backend did not start (wasm files in ${distDir})`);
  }
  await tf.ready();
  return tf;
}

/**
 * The tfjs namespace on the wasm backend, initialised once per process; skills use this instance.
 * @throws MmskillsError `model_failed` when the wasm backend cannot start.
 */
export function getTf(): Promise<Tf> {
  if (tfReady === undefined) {
    const pending = initTf().catch((error: unknown) => {
      tfReady = undefined;
      throw error instanceof MmskillsError
        ? error
        : new MmskillsError('model_failed', `tfjs did not initialise: ${reason(error)}`, { cause: error });
    });
    tfReady = pending;
  }
  return tfReady;
}

async function readArrayBuffer(path: string): Promise<ArrayBuffer> {
  const bytes = await readFile(path);
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return (
    whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  ) as ArrayBuffer;
}

/** A tfjs IOHandler that reads `model.json` and its weight shards from local files. */
function fileSystemHandler(tf: Tf, modelJsonPath: string): Tfjs.io.IOHandler {
  const modelDir = dirname(modelJsonPath);
  return {
    load: async () => {
      const modelJson = JSON.parse(await readFile(modelJsonPath, 'utf8')) as Tfjs.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const shards = manifest.flatMap((group) => group.paths);
        const buffers = await Promise.all(
          shards.map((shard) => {
            const shardPath = resolve(modelDir, shard);
            if (relative(modelDir, shardPath).split(sep)[0] === '..') {
              throw new Error(`weight shard "${shard}" is outside the model's folder`);
            }
            return readArrayBuffer(shardPath);
          }),
        );
        return [tf.io.getWeightSpecs(manifest), buffers];
      });
    },
  };
}

async function openGraphModel(modelJsonPath: string): Promise<TfConverter.GraphModel> {
  const [tf, { loadGraphModel }] = await Promise.all([getTf(), import('@tensorflow/tfjs-converter')]);
  try {
    return await loadGraphModel(fileSystemHandler(tf, modelJsonPath));
  } catch (error) {
    throw new MmskillsError(
      'model_failed',
      `could not load TFJS graph model "${modelJsonPath}": ${reason(error)}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Loads a TFJS graph model (`model.json` plus weight shards beside it) from disk, once per file
 * per process. A failed load is forgotten, so a later call tries again.
 * @throws MmskillsError `model_not_found` when `model.json` is missing, `model_failed` when it will not load.
 */
export async function loadTfjsGraphModel(modelJsonPath: string): Promise<TfConverter.GraphModel> {
  const key = await realModelPath(modelJsonPath, 'TFJS model.json');
  const cached = models.get(key);
  if (cached !== undefined) return cached;
  const pending = openGraphModel(key);
  models.set(key, pending);
  pending.catch(() => {
    if (models.get(key) === pending) models.delete(key);
  });
  return pending;
}

/** Disposes every cached graph model (for shutdown); later loads read the files again. */
export async function disposeTfjsGraphModels(): Promise<void> {
  const pending = [...models.values()];
  models.clear();
  const loaded = await Promise.allSettled(pending);
  for (const result of loaded) if (result.status === 'fulfilled') result.value.dispose();
}

/**
 * Disposes every cached graph model and starts the wasm backend afresh: tfjs keeps the wasm heap
 * the models grew (100+ MiB after a 512 px run) for as long as the backend lives, so disposing the
 * models alone gives no memory back. The old heap goes at the next garbage collection; later
 * loads read the files again. For a skill's idle unload (`SkillDefinition.unload`).
 */
export async function releaseTfjs(): Promise<void> {
  await disposeTfjsGraphModels();
  if (tfReady === undefined) return;
  const tf = await tfReady;
  const factory = tf.findBackendFactory('wasm');
  if (factory === null) return;
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', factory, WASM_PRIORITY);
  // Setting it up again points every wasm kernel at the new module, which frees the old one.
  await tf.setBackend('wasm');
  await tf.ready();
}
