import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { modelCacheDir } from '@mmskills/core';
import { type CatalogueEntry, type PullFile, type PullTarget, totalSize } from './catalogue.js';

/** The one model cache the skills read too: `MMSKILLS_MODEL_DIR`, else `~/.cache/mmskills/models`. */
export function defaultModelDir(env: NodeJS.ProcessEnv = process.env): string {
  return modelCacheDir(env);
}

/** Absolute path, with a leading `~` expanded (shells leave `--dir=~/x` alone). */
export function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return join(homedir(), path.slice(2));
  return resolve(path);
}

/** Where a file lives once complete, and the `.part` it grows in until then. */
export function filePaths(
  cacheDir: string,
  target: Pick<PullTarget, 'name'>,
  file: PullFile,
): { final: string; part: string } {
  const folder = join(cacheDir, target.name);
  const final = join(folder, file.file);
  // The catalogue schemas already refuse climbing paths; this holds even for a schema that forgot.
  const inside = relative(folder, final);
  if (!inside || inside.startsWith('..') || isAbsolute(inside))
    throw new TypeError(`model file "${file.file}" would land outside ${folder}`);
  return { final, part: `${final}.part` };
}

export type FileState =
  | { kind: 'complete'; bytes: number }
  | { kind: 'partial'; bytes: number }
  | { kind: 'missing'; bytes: 0 };

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the cache holds for one file. A final file counts as complete when its size matches the
 * catalogue (its checksum was verified when it was renamed into place); a final file of the wrong
 * size is treated as missing so `pull` replaces it.
 */
export async function fileState(
  cacheDir: string,
  target: Pick<PullTarget, 'name'>,
  file: PullFile,
): Promise<FileState> {
  const { final, part } = filePaths(cacheDir, target, file);
  const finalSize = await sizeOf(final);
  if (finalSize !== undefined && (file.size === undefined || finalSize === file.size))
    return { kind: 'complete', bytes: finalSize };
  const partSize = await sizeOf(part);
  if (partSize !== undefined && partSize > 0) return { kind: 'partial', bytes: partSize };
  return { kind: 'missing', bytes: 0 };
}

/** How much of a model the cache holds; `percent` when the catalogue gives every size. */
export interface CacheState {
  state: 'complete' | 'partial' | 'missing';
  percent?: number;
}

/** Whether every file of a model is in the cache, some of it, or none. */
export async function cacheState(cacheDir: string, target: PullTarget): Promise<CacheState> {
  const states = await Promise.all(target.files.map((file) => fileState(cacheDir, target, file)));
  if (states.every((state) => state.kind === 'complete')) return { state: 'complete' };
  if (states.every((state) => state.kind === 'missing')) return { state: 'missing' };
  const have = states.reduce((sum, state) => sum + state.bytes, 0);
  const total = totalSize(target.files);
  return total ? { state: 'partial', percent: Math.floor((have / total) * 100) } : { state: 'partial' };
}

/** `yes`, `no` or `partial (N%)` for `model list`. */
export async function cacheStatus(cacheDir: string, target: PullTarget): Promise<string> {
  const { state, percent } = await cacheState(cacheDir, target);
  if (state === 'complete') return 'yes';
  if (state === 'missing') return 'no';
  return percent === undefined ? 'partial' : `partial (${percent}%)`;
}

/** The host's `--lmm` value for an entry in this cache directory. */
export function lmmSpec(cacheDir: string, entry: CatalogueEntry): string {
  const model = filePaths(cacheDir, entry, entry.model).final;
  const mmproj = filePaths(cacheDir, entry, entry.mmproj).final;
  return `llama:${model},mmproj=${mmproj}`;
}
