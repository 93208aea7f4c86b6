import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { CliError } from '../commands/registry-client.js';
import { formatBytes } from './format-bytes.js';
import type { HubChecksum } from './hub-checksum.js';
import type { Progress } from './progress.js';
import { type OpenedDownload, openDownload } from './request.js';
import { type Verified, verifyPart } from './verify.js';

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

/** How many bytes were already in the `.part`, how many came over the network, and what checked them. */
export interface DownloadResult {
  resumedFrom: number;
  received: number;
  verified: Verified;
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
 * the catalogue's sha256, else the hub's own checksum, then renames onto `final`. A failed checksum
 * deletes the `.part`; a dropped connection or an abort keeps it for the next run.
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
  if (onDisk > 0) await hashFile(part, hash);
  let resumedFrom = onDisk;
  let received = 0;
  let expected = size;
  let hub: HubChecksum = {};
  // Without a sha256 of its own the catalogue needs the hub's, so even a whole `.part` asks for it.
  if (size === undefined || onDisk < size || !sha256) {
    if (signal.aborted) throw interrupted(part, onDisk);
    const opened = await openDownload(url, label, onDisk, options.fetch, signal).catch((error: unknown) => {
      throw signal.aborted ? interrupted(part, onDisk) : error;
    });
    hub = opened.hub;
    refuseChanged(opened, label, size, sha256);
    resumedFrom = opened.offset;
    expected = size ?? hub.size ?? opened.total;
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
  const verified = await verifyPart({ part, label, bytes, sha256, hub, streamed: hash.digest('hex') });
  await rename(part, final);
  return { resumedFrom, received, verified };
}

// Fails before a byte is written when the server's length or the hub's sha256 is not what the
// catalogue says: the file changed upstream, and downloading it would only end in a mismatch.
function refuseChanged(opened: OpenedDownload, label: string, size?: number, sha256?: string) {
  const changed = (what: string) => {
    void opened.body.cancel();
    return new CliError(`${label}: ${what}; the file changed upstream, so it was not downloaded`);
  };
  const total = opened.hub.size ?? opened.total;
  if (size !== undefined && total !== undefined && total !== size)
    throw changed(`the server has ${total} bytes but the catalogue expects ${size}`);
  if (sha256 && opened.hub.sha256 && opened.hub.sha256 !== sha256)
    throw changed(`the hub's sha256 is ${opened.hub.sha256} but the catalogue expects ${sha256}`);
}
