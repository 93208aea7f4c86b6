import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CatalogueEntry, entryFiles, type ModelFile } from './catalogue.js';

/** `MMSKILLS_MODEL_DIR`, else `~/.cache/mmskills/models`. */
export function defaultModelDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MMSKILLS_MODEL_DIR
    ? expandHome(env.MMSKILLS_MODEL_DIR)
    : join(homedir(), '.cache', 'mmskills', 'models');
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
  entry: CatalogueEntry,
  file: ModelFile,
): { final: string; part: string } {
  const final = join(cacheDir, entry.name, file.file);
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
  entry: CatalogueEntry,
  file: ModelFile,
): Promise<FileState> {
  const { final, part } = filePaths(cacheDir, entry, file);
  const finalSize = await sizeOf(final);
  if (finalSize !== undefined && (file.size === undefined || finalSize === file.size))
    return { kind: 'complete', bytes: finalSize };
  const partSize = await sizeOf(part);
  if (partSize !== undefined && partSize > 0) return { kind: 'partial', bytes: partSize };
  return { kind: 'missing', bytes: 0 };
}

/** `yes`, `no` or `partial (N%)` for `model list`. */
export async function cacheStatus(cacheDir: string, entry: CatalogueEntry): Promise<string> {
  const states = await Promise.all(entryFiles(entry).map((file) => fileState(cacheDir, entry, file)));
  if (states.every((state) => state.kind === 'complete')) return 'yes';
  if (states.every((state) => state.kind === 'missing')) return 'no';
  const have = states.reduce((sum, state) => sum + state.bytes, 0);
  const total = entryFiles(entry).reduce((sum, file) => sum + (file.size ?? 0), 0);
  return total > 0 ? `partial (${Math.floor((have / total) * 100)}%)` : 'partial';
}

/** The host's `--lmm` value for an entry in this cache directory. */
export function lmmSpec(cacheDir: string, entry: CatalogueEntry): string {
  const model = filePaths(cacheDir, entry, entry.model).final;
  const mmproj = filePaths(cacheDir, entry, entry.mmproj).final;
  return `llama:${model},mmproj=${mmproj}`;
}
