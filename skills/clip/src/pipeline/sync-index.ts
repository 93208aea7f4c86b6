import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { type Logger, modelCacheDir } from '@mmskills/core';
import type { DecodedImage } from '@mmskills/image';
import type { Loaded } from './clip-models.js';
import { embedImages } from './embed.js';
import { type EmbeddingIndex, type Manifest, readIndex, writeIndex } from './embedding-index.js';
import { type FolderFile, listImages } from './image-folder.js';

/** Where a folder's index lives: `MMSKILLS_CLIP_INDEX_DIR`, else `<model cache>/../index/clip`, then `<model>/<hash of folder>`. */
export function indexDir(env: NodeJS.ProcessEnv, model: string, folder: string, recursive: boolean): string {
  const root = env.MMSKILLS_CLIP_INDEX_DIR || join(dirname(modelCacheDir(env)), 'index', 'clip');
  const hash = createHash('sha256').update(`${folder}\0${recursive}`).digest('hex').slice(0, 24);
  return join(root, model, hash);
}

export interface SyncRequest {
  /** The model's key: an index built by another model is rebuilt. */
  model: string;
  folder: string;
  recursive: boolean;
  dir: string;
  vision: () => Promise<Loaded>;
  loadImage: (file: string) => Promise<DecodedImage>;
  onEmbedded: (count: number) => void;
  progress: (stage: string) => void;
  log: Logger;
  /** A cancelled call stops embedding, keeps what it embedded so far, then throws. */
  signal?: AbortSignal;
}

export interface SyncResult {
  index: EmbeddingIndex;
  added: number;
  updated: number;
  removed: number;
  skipped: Array<{ file: string; reason: string }>;
}

const BATCH = 4;
const same = (a: { mtimeMs: number; size: number }, b: FolderFile) =>
  a.mtimeMs === b.mtimeMs && a.size === b.size;

/**
 * Brings the folder's index up to date: files whose mtime and size are unchanged keep their rows,
 * new and changed files are embedded, vanished files are dropped; the index is written back only
 * when something changed. Files that do not decode are remembered, and tried again once changed.
 */
export async function syncIndex(request: SyncRequest): Promise<SyncResult> {
  const { model, folder, recursive, dir, log } = request;
  const files = await listImages(folder, recursive);
  const old = await readIndex(dir, { model }, log);
  const manifest: Manifest = {
    version: 1,
    model,
    folder,
    recursive,
    dim: old?.manifest.dim ?? 0,
    embeddings: 'embeddings-0.f32',
    files: {},
    failed: {},
  };
  const rows: Float32Array[] = [];
  const pending: Array<FolderFile & { known: boolean }> = [];
  const skipped: SyncResult['skipped'] = [];
  let added = 0;
  let updated = 0;
  for (const file of files) {
    const kept = old?.manifest.files[file.relative];
    const failed = old?.manifest.failed[file.relative];
    const row = kept && same(kept, file) ? old?.rows[kept.row] : undefined;
    if (row) {
      manifest.files[file.relative] = { mtimeMs: file.mtimeMs, size: file.size, row: rows.push(row) - 1 };
    } else if (failed && same(failed, file)) {
      manifest.failed[file.relative] = failed;
      skipped.push({ file: file.absolute, reason: failed.reason });
    } else {
      pending.push({ ...file, known: Boolean(kept || failed) });
    }
  }
  const current = new Set(files.map((file) => file.relative));
  const before = old ? [...Object.keys(old.manifest.files), ...Object.keys(old.manifest.failed)] : [];
  const removed = before.filter((name) => !current.has(name)).length;

  let done = 0;
  for (let start = 0; start < pending.length && !request.signal?.aborted; start += BATCH) {
    done = start + BATCH;
    request.progress(`embedding image ${start + 1} of ${pending.length}`);
    const batch: Array<{ file: (typeof pending)[number]; image: DecodedImage }> = [];
    for (const file of pending.slice(start, start + BATCH)) {
      try {
        batch.push({ file, image: await request.loadImage(file.absolute) });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        manifest.failed[file.relative] = { mtimeMs: file.mtimeMs, size: file.size, reason };
        skipped.push({ file: file.absolute, reason });
      }
    }
    if (batch.length === 0) continue;
    const embeddings = await embedImages(
      await request.vision(),
      batch.map(({ image }) => image),
    );
    request.onEmbedded(batch.length);
    batch.forEach(({ file }, i) => {
      const embedding = embeddings[i] as Float32Array;
      manifest.dim = embedding.length;
      manifest.files[file.relative] = {
        mtimeMs: file.mtimeMs,
        size: file.size,
        row: rows.push(embedding) - 1,
      };
      if (file.known) updated++;
      else added++;
    });
  }
  const index = { manifest, rows };
  if (!old || done > 0 || removed > 0) {
    await writeIndex(dir, { manifest: { ...manifest, dim: manifest.dim || 1 }, rows });
    log.info('clip index updated', { folder, indexed: rows.length, added, updated, removed });
  }
  request.signal?.throwIfAborted();
  return { index, added, updated, removed, skipped };
}
