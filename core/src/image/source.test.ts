import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../testing/rejection.js';
import {
  type ImageSourcePolicy,
  ImageSourcePolicySchema,
  imageSourcePolicyFromEnv,
  readImageSource,
} from './source.js';

let root: string;
let policy: ImageSourcePolicy;

beforeAll(async () => {
  root = await realpath(await mkdtemp(path.join(tmpdir(), 'mmskills-source-')));
  await writeFile(path.join(root, 'a b.bin'), Buffer.from([4, 5, 6]));
  policy = ImageSourcePolicySchema.parse({ fileRoots: [root] });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('imageSourcePolicyFromEnv', () => {
  it('defaults to the working directory, no URLs, no private network', () => {
    expect(imageSourcePolicyFromEnv({})).toEqual({
      fileRoots: [process.cwd()],
      allowUrls: false,
      allowPrivateNetwork: false,
      maxBytes: 25 * 1024 * 1024,
      timeoutMs: 15_000,
    });
  });

  it('reads roots split by the path delimiter and the URL flags', () => {
    const env = {
      MMSKILLS_FILE_ROOTS: ['/data/a', '', 'rel'].join(path.delimiter),
      MMSKILLS_ALLOW_URLS: '1',
      MMSKILLS_ALLOW_PRIVATE_URLS: 'true',
    };
    expect(imageSourcePolicyFromEnv(env)).toMatchObject({
      fileRoots: [path.resolve('/data/a'), path.resolve('rel')],
      allowUrls: true,
      allowPrivateNetwork: true,
    });
    expect(imageSourcePolicyFromEnv({ MMSKILLS_ALLOW_URLS: '0' }).allowUrls).toBe(false);
  });
});

describe('readImageSource', () => {
  it('reads data: URIs', async () => {
    expect([...(await readImageSource(' data:image/png;base64,AQID ', policy))]).toEqual([1, 2, 3]);
  });

  it('reads paths and file:// URIs inside the roots', async () => {
    const file = path.join(root, 'a b.bin');
    expect([...(await readImageSource(file, policy))]).toEqual([4, 5, 6]);
    expect([...(await readImageSource(pathToFileURL(file).href, policy))]).toEqual([4, 5, 6]);
  });

  it('refuses file:// URIs outside the roots', async () => {
    expect((await rejection(readImageSource('file:///etc/passwd', policy))).code).toBe(
      'image_source_forbidden',
    );
    expect((await rejection(readImageSource('file://remote-host/share/x.png', policy))).code).toBe(
      'invalid_argument',
    );
  });

  it('refuses URLs while URLs are off, naming the switch', async () => {
    const read = readImageSource('https://example.com/cat.png', policy);
    await expect(read).rejects.toMatchObject({ code: 'image_source_forbidden' });
    await expect(read).rejects.toThrow(/set MMSKILLS_ALLOW_URLS=1/);
  });

  it.each([
    ['', 'invalid_argument'],
    ['ftp://example.com/a.png', 'invalid_argument'],
    ['javascript:alert(1)', 'invalid_argument'],
  ])('refuses %j', async (arg, code) => {
    expect((await rejection(readImageSource(arg, policy))).code).toBe(code);
  });

  it('applies maxBytes to data: URIs too', async () => {
    const small = { ...policy, maxBytes: 2 };
    expect((await rejection(readImageSource('data:image/png;base64,AQID', small))).code).toBe(
      'image_too_large',
    );
  });
});
