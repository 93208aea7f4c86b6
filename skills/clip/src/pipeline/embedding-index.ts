import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@mmskills/core';
import { z } from 'zod';

const FileEntrySchema = z.object({ mtimeMs: z.number(), size: z.number().int().nonnegative() });

/** `manifest.json`: which file is which row of the embeddings file, and the files that would not decode. */
export const ManifestSchema = z.object({
  version: z.literal(1),
  model: z.string(),
  folder: z.string(),
  recursive: z.boolean(),
  dim: z.number().int().positive(),
  /** The Float32 file of rows × dim (little-endian), named afresh on every write. */
  embeddings: z.string().regex(/^embeddings-[0-9a-f-]+\.f32$/),
  files: z.record(z.string(), FileEntrySchema.extend({ row: z.number().int().nonnegative() })),
  failed: z.record(z.string(), FileEntrySchema.extend({ reason: z.string() })),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** An index in memory: the manifest and one unit-length embedding per file, by row. */
export interface EmbeddingIndex {
  manifest: Manifest;
  rows: Float32Array[];
}

const MANIFEST = 'manifest.json';

/**
 * Reads the index in `dir`; none yet, or one that fails its checks (bad JSON, rows that do not
 * match the embeddings file, another model or dimension), gives `undefined`, with a log line for
 * the corrupt case, so the caller rebuilds it.
 */
export async function readIndex(dir: string, expect: Pick<Manifest, 'model'>, log: Logger) {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const manifest = ManifestSchema.parse(JSON.parse(text));
    if (manifest.model !== expect.model) throw new Error(`it was built with ${manifest.model}`);
    const bytes = await readFile(join(dir, manifest.embeddings));
    const count = Object.keys(manifest.files).length;
    if (bytes.length !== count * manifest.dim * 4) {
      throw new Error(
        `${manifest.embeddings} holds ${bytes.length} bytes, not ${count} rows of ${manifest.dim}`,
      );
    }
    const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    const rows: Float32Array[] = new Array(count);
    for (const entry of Object.values(manifest.files)) {
      if (entry.row >= count || rows[entry.row])
        throw new Error(`row ${entry.row} is out of range or repeated`);
      rows[entry.row] = all.subarray(entry.row * manifest.dim, (entry.row + 1) * manifest.dim);
    }
    return { manifest, rows } satisfies EmbeddingIndex;
  } catch (error) {
    log.warn('clip index is corrupt; rebuilding it', {
      dir,
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}

/**
 * Writes the index so that a reader never sees half of it: the embeddings go to a new file, then
 * the manifest naming it replaces the old one by rename (atomic on one file system), and only
 * then are older embeddings files removed.
 */
export async function writeIndex(dir: string, index: EmbeddingIndex): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { manifest, rows } = index;
  const embeddings = `embeddings-${randomUUID()}.f32`;
  const all = new Float32Array(rows.length * manifest.dim);
  rows.forEach((row, i) => {
    all.set(row, i * manifest.dim);
  });
  await writeAtomically(join(dir, embeddings), Buffer.from(all.buffer));
  await writeAtomically(join(dir, MANIFEST), JSON.stringify({ ...manifest, embeddings }));
  const stale = (await readdir(dir)).filter((name) => name.startsWith('embeddings-') && name !== embeddings);
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
}

async function writeAtomically(file: string, content: Buffer | string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
