import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitBlobSha1, hubChecksum } from './hub-checksum.js';

const SHA256 = 'd02fe9b69ad8cadbbd228e387667af66612c44bed29ffc8eb1e7caf9ac486c12';
const SHA1 = 'ce013625030ba8dba906f756967f9e9ca394464a';
const answer = (headers: Record<string, string>, fromHub = true) => ({
  headers: new Headers(headers),
  fromHub,
});

describe('hubChecksum', () => {
  it("takes an LFS file's sha256 and size from the hub's redirect, not the CDN's ETag", () => {
    const redirect = answer({
      'x-linked-etag': `"${SHA256.toUpperCase()}"`,
      'x-linked-size': '42',
      etag: `"${SHA256}"`,
    });
    const cdn = answer({ etag: `"${SHA1}"` }, false);
    expect(hubChecksum([redirect, cdn])).toEqual({ sha256: SHA256, size: 42 });
  });

  it("takes a small file's git blob sha1 from the hub's own ETag, weak or not", () => {
    expect(hubChecksum([answer({ etag: `W/"${SHA1}"` })])).toEqual({ gitSha1: SHA1 });
    expect(hubChecksum([answer({ etag: `"${SHA1}"` }, false)])).toEqual({});
  });

  it('ignores values that are not checksums', () => {
    expect(
      hubChecksum([
        answer({
          'x-linked-etag': '"abc"',
          'x-linked-size': 'x',
          etag: '"5d41402abc4b2a76b9719d911017c592"',
        }),
      ]),
    ).toEqual({});
    expect(hubChecksum([])).toEqual({});
  });
});

describe('gitBlobSha1', () => {
  it('is what `git hash-object` prints', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mmskills-git-sha1-'));
    try {
      await writeFile(join(dir, 'hello'), 'hello\n');
      expect(await gitBlobSha1(join(dir, 'hello'), 6)).toBe(SHA1);
      await writeFile(join(dir, 'empty'), '');
      expect(await gitBlobSha1(join(dir, 'empty'), 0)).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
