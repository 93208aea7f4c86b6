import { link, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../testing/rejection.js';
import { readLocalFile } from './local-file.js';

let base: string;
let root: string;
let outside: string;

beforeAll(async () => {
  base = await realpath(await mkdtemp(path.join(tmpdir(), 'mmskills-local-')));
  root = path.join(base, 'root');
  outside = path.join(base, 'outside');
  await mkdir(path.join(root, 'sub'), { recursive: true });
  await mkdir(outside);
  await writeFile(path.join(root, 'sub', 'a.bin'), Buffer.from([1, 2, 3]));
  await writeFile(path.join(root, 'big.bin'), Buffer.alloc(100));
  await writeFile(path.join(outside, 'secret.bin'), Buffer.from([9]));
  await symlink(path.join(outside, 'secret.bin'), path.join(root, 'link-out.bin'));
  await symlink(outside, path.join(root, 'dir-out'));
  await symlink(path.join(root, 'sub', 'a.bin'), path.join(root, 'link-in.bin'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('readLocalFile', () => {
  it('reads a file inside a root, absolute or through an inside symlink', async () => {
    expect([...(await readLocalFile(path.join(root, 'sub', 'a.bin'), [root], 1024))]).toEqual([1, 2, 3]);
    expect([...(await readLocalFile(path.join(root, 'link-in.bin'), [root], 1024))]).toEqual([1, 2, 3]);
    expect([...(await readLocalFile(path.join(root, 'sub', '..', 'sub', 'a.bin'), [root], 1024))]).toEqual([
      1, 2, 3,
    ]);
  });

  it('refuses a file outside the roots and says how to allow it', async () => {
    const error = await rejection(readLocalFile(path.join(outside, 'secret.bin'), [root], 1024));
    expect(error.code).toBe('image_source_forbidden');
    expect(error.message).toBe(
      `file ${path.join(outside, 'secret.bin')} is outside the allowed roots; ` +
        "the server's operator sets them with MMSKILLS_FILE_ROOTS, or pass the image as a data: URI",
    );
    // The caller may be on another machine: the server's folders are not theirs to learn.
    expect(error.message).not.toContain(root);
  });

  it.each([
    ['../ traversal', () => path.join(root, '..', 'outside', 'secret.bin')],
    ['a symlinked file leaving the root', () => path.join(root, 'link-out.bin')],
    ['a symlinked folder leaving the root', () => path.join(root, 'dir-out', 'secret.bin')],
    ['a missing file outside the root', () => path.join(outside, 'nothing.bin')],
    ['a root-name prefix that is another folder', () => `${root}-other/x.bin`],
  ])('refuses %s', async (_name, file) => {
    expect((await rejection(readLocalFile(file(), [root], 1024))).code).toBe('image_source_forbidden');
  });

  it('reports a missing file inside the root as not found', async () => {
    const error = await rejection(readLocalFile(path.join(root, 'missing.png'), [root], 1024));
    expect(error.code).toBe('image_not_found');
    expect(error.message).toBe(`file ${path.join(root, 'missing.png')} does not exist; check the path`);
  });

  it('refuses a folder and any file when there are no roots', async () => {
    expect((await rejection(readLocalFile(path.join(root, 'sub'), [root], 1024))).code).toBe(
      'invalid_argument',
    );
    const error = await rejection(readLocalFile(path.join(root, 'sub', 'a.bin'), [], 1024));
    expect(error.code).toBe('image_source_forbidden');
    expect(error.message).toContain('not allowed (no file roots)');
  });

  it('refuses a hard link in the root, which may name a file outside it', async () => {
    await link(path.join(outside, 'secret.bin'), path.join(root, 'hard-out.bin'));
    const error = await rejection(readLocalFile(path.join(root, 'hard-out.bin'), [root], 1024));
    expect(error.code).toBe('image_source_forbidden');
    expect(error.message).toMatch(/has 2 hard links/);
  });

  it('applies the byte limit', async () => {
    expect((await readLocalFile(path.join(root, 'big.bin'), [root], 100)).length).toBe(100);
    const error = await rejection(readLocalFile(path.join(root, 'big.bin'), [root], 99));
    expect(error.code).toBe('image_too_large');
  });

  it('accepts several roots, including one given through a symlink', async () => {
    await symlink(root, path.join(base, 'root-link'));
    const file = path.join(base, 'root-link', 'sub', 'a.bin');
    expect([...(await readLocalFile(file, [outside, path.join(base, 'root-link')], 1024))]).toEqual([
      1, 2, 3,
    ]);
  });
});
