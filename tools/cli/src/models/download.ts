import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { CliError } from '../commands/registry-client.js';
import { formatBytes } from './format-bytes.js';
import type { Progress } from './progress.js';
import { openDownload } from './request.js';

export interface DownloadOptions {
  url: string;
  final: string;
  part: string;
  /** The file name, for messages. */
  label: string;
  size?: number;
  sha256?: string;
  fetch: typeof fetch;
  signal: AbortSignal;
  progress: (total: number | undefined, start: number) => Progress;
}

/** How many bytes were already in the `.part` and how many came over the network. */
export interface DownloadResult {
  resumedFrom: number;
  received: number;
}

async function sizeOf(path: string): Promise<number> {
  return stat(path).then(
    (info) => info.size,
    () => 0,
  );
}

async function hashFile(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

function interrupted(part: string, bytes: number): CliError {
  return new CliError(
    `interrupted; kept ${formatBytes(bytes)} in ${part}, run the same pull again to resume`,
    130,
  );
}

/**
 * Downloads into `part`, continuing what is there with an HTTP Range request, checks the length and
 * sha256 when known, then renames onto `final`. A failed checksum deletes the `.part`; a dropped
 * connection or an abort keeps it for the next run.
 */
export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const { url, final, part, label, size, sha256, signal } = options;
  await mkdir(dirname(part), { recursive: true });
  let onDisk = await sizeOf(part);
  if (size !== undefined && onDisk > size) {
    await rm(part, { force: true });
    onDisk = 0;
  }
  // Hash what is already there before asking for the rest: undici cancels the body of a Response
  // that is garbage collected before anything reads it (nodejs/undici#3199), so no await may sit
  // between the request and the pipeline that locks the body.
  let hash = createHash('sha256');
  if (sha256 && onDisk > 0) await hashFile(part, hash);
  let resumedFrom = onDisk;
  let received = 0;
  let expected = size;
  if (size === undefined || onDisk < size) {
    if (signal.aborted) throw interrupted(part, onDisk);
    const opened = await openDownload(url, label, onDisk, options.fetch, signal).catch((error: unknown) => {
      throw signal.aborted ? interrupted(part, onDisk) : error;
    });
    if (size !== undefined && opened.total !== undefined && opened.total !== size) {
      await opened.body.cancel();
      throw new CliError(
        `${label}: the server has ${opened.total} bytes but the catalogue expects ${size}; the file changed upstream, so it was not downloaded`,
      );
    }
    resumedFrom = opened.offset;
    expected = size ?? opened.total;
    if (resumedFrom === 0 && onDisk > 0) hash = createHash('sha256');
    const progress = options.progress(expected, resumedFrom);
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        hash.update(chunk);
        progress.update(resumedFrom + received);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(
        Readable.fromWeb(opened.body as NodeReadableStream<Uint8Array>),
        meter,
        createWriteStream(part, { flags: resumedFrom > 0 ? 'a' : 'w' }),
        { signal },
      );
    } catch (error) {
      progress.done();
      const kept = await sizeOf(part);
      if (signal.aborted) throw interrupted(part, kept);
      throw new CliError(
        `download of ${label} stopped after ${formatBytes(kept)}: ${(error as Error).message}; run the same pull again to resume`,
      );
    }
    progress.done();
  }
  const bytes = await sizeOf(part);
  if (expected !== undefined && bytes !== expected) {
    if (bytes > expected) await rm(part, { force: true });
    throw new CliError(
      `${label}: got ${bytes} bytes, expected ${expected}${bytes < expected ? '; run the same pull again to resume' : ''}`,
    );
  }
  if (sha256) {
    const actual = hash.digest('hex');
    if (actual !== sha256) {
      await rm(part, { force: true });
      throw new CliError(
        `sha256 mismatch for ${label}: expected ${sha256}, got ${actual}; the download was deleted, run pull again`,
      );
    }
  }
  await rename(part, final);
  return { resumedFrom, received };
}
