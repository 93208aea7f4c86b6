import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * What the hub says a file is, read from its answer to `resolve`: an LFS file's `X-Linked-Etag`
 * (its sha256) and `X-Linked-Size` come on the redirect to the CDN; a small file stored in git is
 * served directly with an `ETag` that is its git blob sha1. huggingface_hub's `get_hf_file_metadata`
 * and huggingface.js's `fileDownloadInfo` read the same headers.
 */
export interface HubChecksum {
  sha256?: string;
  gitSha1?: string;
  size?: number;
}

// `W/` and the quotes are HTTP's ETag syntax around the value (huggingface_hub `_normalize_etag`).
function normalizeEtag(value: string | null): string | undefined {
  if (!value) return undefined;
  return value
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1')
    .toLowerCase();
}

/**
 * Reads the checksum from the answers on the way to the bytes, first to last. Only an answer from
 * the hub's own `resolve` address counts: a CDN's ETag is an MD5 or an opaque tag, not a checksum.
 */
export function hubChecksum(answers: readonly { headers: Headers; fromHub: boolean }[]): HubChecksum {
  const found: HubChecksum = {};
  for (const { headers, fromHub } of answers) {
    if (!fromHub) continue;
    const linked = normalizeEtag(headers.get('x-linked-etag'));
    if (linked && /^[0-9a-f]{64}$/.test(linked)) found.sha256 ??= linked;
    const size = Number(headers.get('x-linked-size') ?? Number.NaN);
    if (Number.isSafeInteger(size) && size >= 0) found.size ??= size;
  }
  const last = answers.at(-1);
  if (!found.sha256 && last?.fromHub) {
    const etag = normalizeEtag(last.headers.get('etag'));
    if (etag && /^[0-9a-f]{40}$/.test(etag)) found.gitSha1 = etag;
  }
  return found;
}

/** `git hash-object`: sha1 of `blob <size>\0` and the bytes. Files git stores are small, so a second read is cheap. */
export async function gitBlobSha1(path: string, size: number): Promise<string> {
  const hash = createHash('sha1').update(`blob ${size}\0`);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
