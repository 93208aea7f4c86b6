import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { modelCacheDir } from '@mmskills/core/runtime';

/** A rewrite of a model's bytes (a graph optimisation of our own) before onnxruntime opens them. */
export interface OnnxRewrite {
  /** Names the rewrite: sessions and cache entries are kept per file and rewrite name. */
  name: string;
  /**
   * Set: the rewritten bytes are kept on disk (`<model cache>/onnx-rewrites`, the two versions used
   * last) and read back at the next start instead of rewriting again. It must change whenever
   * `apply` would give other bytes.
   */
  version?: string;
  /** Where the rewritten bytes are kept; defaults to `onnx-rewrites` in the model cache. */
  cacheDir?: string;
  /** The rewritten model; returning the input itself means "left as it is" (nothing is kept). */
  apply: (model: Uint8Array) => Uint8Array | Promise<Uint8Array>;
}

/**
 * What the disk cache did for one rewrite: `read` an entry, `written` a new one, `rebuilt` one that
 * was stale (another source or version) or corrupt, `unwritable` could not keep it, `unchanged` the
 * rewrite left the model as it was, `off` no version was given.
 */
export type RewriteCacheOutcome = 'read' | 'written' | 'rebuilt' | 'unwritable' | 'unchanged' | 'off';

/**
 * One line of JSON, then the rewritten model: the header says what the bytes were made from and
 * how they must hash, so a stale or damaged entry is never handed to onnxruntime.
 */
interface EntryHeader {
  source: { path: string; size: number; mtimeMs: number };
  rewrite: { name: string; version: string };
  bytes: number;
  sha256: string;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Versions of one rewrite of one file kept side by side: the built code and its sources (tests run
 * them through tsx) hash apart, and one entry for both would be rewritten at every switch.
 */
const VERSIONS_KEPT = 2;

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

// `<model>.<rewrite>.<path hash>.` then the version's hash: the prefix names every version of the entry.
function entryPrefix(dir: string, source: string, rewrite: string): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_');
  return join(dir, `${safe(basename(source, '.onnx'))}.${safe(rewrite)}.${hashOf(source)}.`);
}

/** Removes all but the most recently used versions of an entry (a read touches its file). */
async function pruneVersions(prefix: string): Promise<void> {
  const dir = dirname(prefix);
  const name = basename(prefix);
  const entries = await Promise.all(
    (await readdir(dir))
      .filter((file) => file.startsWith(name) && file.endsWith('.onnx'))
      .map(async (file) => ({ file: join(dir, file), used: (await stat(join(dir, file))).mtimeMs })),
  );
  const stale = entries.sort((a, b) => b.used - a.used).slice(VERSIONS_KEPT);
  await Promise.all(stale.map(({ file }) => rm(file, { force: true })));
}

/** The entry's model bytes when its header matches `want` and they hash as it says; else undefined. */
async function readEntry(path: string, want: Omit<EntryHeader, 'bytes' | 'sha256'>) {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch {
    return { found: false as const };
  }
  const newline = file.indexOf(10);
  try {
    // Read as untrusted, without a schema: every field is compared with what this start expects
    // and the hash with the bytes, which a schema would only check again. (zod is ~80 ms of the OCR
    // model thread's imports, on the way to a skill's first answer.)
    const header = JSON.parse(file.subarray(0, newline).toString('utf8')) as Partial<EntryHeader> | null;
    const model = file.subarray(newline + 1);
    const fits =
      header?.source?.path === want.source.path &&
      header.source.size === want.source.size &&
      header.source.mtimeMs === want.source.mtimeMs &&
      header.rewrite?.name === want.rewrite.name &&
      header.rewrite.version === want.rewrite.version &&
      header.bytes === model.length &&
      header.sha256 === sha256(model);
    return fits ? { found: true as const, model } : { found: true as const };
  } catch {
    return { found: true as const };
  }
}

// Written beside its place and renamed over it, so that two skills starting at once never read half.
async function writeEntry(path: string, header: EntryHeader, model: Uint8Array): Promise<boolean> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, [Buffer.from(`${JSON.stringify(header)}\n`), model]);
    await rename(temporary, path);
    return true;
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
    return false;
  }
}

/**
 * The model at `path` (a real path) after `rewrite`, read from the disk cache when an entry made
 * from this very file (size and modification time) by this rewrite and version is there and intact,
 * else rewritten and kept for the next start. A cache that cannot be written only costs the time.
 */
export async function rewrittenModel(
  path: string,
  rewrite: OnnxRewrite,
): Promise<{ model: Uint8Array; cache: RewriteCacheOutcome }> {
  if (rewrite.version === undefined) {
    return { model: await rewrite.apply(await readFile(path)), cache: 'off' };
  }
  const { size, mtimeMs } = await stat(path);
  const want = { source: { path, size, mtimeMs }, rewrite: { name: rewrite.name, version: rewrite.version } };
  const prefix = entryPrefix(rewrite.cacheDir ?? join(modelCacheDir(), 'onnx-rewrites'), path, rewrite.name);
  const file = `${prefix}${hashOf(rewrite.version)}.onnx`;
  const entry = await readEntry(file, want);
  if (entry.model) {
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined);
    return { model: entry.model, cache: 'read' };
  }
  const original = await readFile(path);
  const model = await rewrite.apply(original);
  if (model === original) return { model, cache: 'unchanged' };
  const written = await writeEntry(file, { ...want, bytes: model.length, sha256: sha256(model) }, model);
  if (written) await pruneVersions(prefix).catch(() => undefined);
  return { model, cache: written ? (entry.found ? 'rebuilt' : 'written') : 'unwritable' };
}
