import { rm } from 'node:fs/promises';
import { CliError } from '../commands/registry-client.js';
import { gitBlobSha1, type HubChecksum } from './hub-checksum.js';

/** What a finished file was checked against. */
export type Verified = 'sha256' | 'hub-sha256' | 'hub-git-sha1' | 'none';

export interface PartToVerify {
  part: string;
  label: string;
  bytes: number;
  /** The catalogue's sha256, which wins over anything the server says. */
  sha256: string | undefined;
  hub: HubChecksum;
  /** The sha256 of the whole `.part`, hashed while it arrived. */
  streamed: string;
}

/** How `pull` reports each kind of check. */
export const VERIFIED_TEXT: Record<Verified, string> = {
  sha256: 'sha256 verified',
  'hub-sha256': "sha256 verified against the hub's X-Linked-Etag",
  'hub-git-sha1': "git blob sha1 verified against the hub's ETag",
  none: 'no checksum to verify (none in the catalogue, none from the server)',
};

async function mismatch(part: string, message: string): Promise<never> {
  await rm(part, { force: true });
  throw new CliError(`${message}; the download was deleted, run pull again`);
}

/**
 * Checks a complete `.part` against the catalogue's sha256, else the hub's sha256 (LFS files), else
 * the hub's git blob sha1 (small files git stores). A mismatch deletes the `.part`.
 */
export async function verifyPart(file: PartToVerify): Promise<Verified> {
  const { part, label, streamed, hub } = file;
  if (file.sha256) {
    if (streamed !== file.sha256)
      await mismatch(part, `sha256 mismatch for ${label}: expected ${file.sha256}, got ${streamed}`);
    return 'sha256';
  }
  if (hub.sha256) {
    if (streamed !== hub.sha256)
      await mismatch(
        part,
        `sha256 mismatch for ${label}: expected ${hub.sha256} (the hub's X-Linked-Etag), got ${streamed}`,
      );
    return 'hub-sha256';
  }
  if (hub.gitSha1) {
    const actual = await gitBlobSha1(part, file.bytes);
    if (actual !== hub.gitSha1)
      await mismatch(
        part,
        `git blob sha1 mismatch for ${label}: expected ${hub.gitSha1} (the hub's ETag), got ${actual}`,
      );
    return 'hub-git-sha1';
  }
  return 'none';
}
