import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedFolder, listImages } from './image-folder.js';

const root = mkdtempSync(join(tmpdir(), 'clip-folder-'));
const pictures = join(root, 'pictures');
const outside = join(root, 'outside');
mkdirSync(join(pictures, 'trip', 'day-1'), { recursive: true });
mkdirSync(join(pictures, '.thumbnails'));
mkdirSync(outside);
for (const file of [
  'b.JPG',
  'a.png',
  'notes.txt',
  '.hidden.png',
  'trip/c.webp',
  'trip/day-1/d.jpeg',
  '.thumbnails/e.png',
]) {
  writeFileSync(join(pictures, file), 'x');
}
symlinkSync(outside, join(pictures, 'escape'));
symlinkSync(pictures, join(pictures, 'trip', 'loop'));

describe('allowedFolder', () => {
  it('accepts a folder inside the roots and gives its real path', async () => {
    expect(await allowedFolder(join(pictures, 'trip', '..', 'trip'), [root])).toBe(join(pictures, 'trip'));
  });

  it('refuses a folder outside the roots, and a link inside that leads outside', async () => {
    await expect(allowedFolder(outside, [pictures])).rejects.toMatchObject({
      code: 'image_source_forbidden',
    });
    await expect(allowedFolder(join(pictures, 'escape'), [pictures])).rejects.toMatchObject({
      code: 'image_source_forbidden',
    });
    await expect(allowedFolder('/no/such/place', [pictures])).rejects.toMatchObject({
      code: 'image_source_forbidden',
    });
  });

  it('says a missing folder inside the roots does not exist, and a file is not a folder', async () => {
    await expect(allowedFolder(join(pictures, 'nope'), [pictures])).rejects.toMatchObject({
      code: 'image_not_found',
    });
    await expect(allowedFolder(join(pictures, 'a.png'), [pictures])).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });
});

describe('listImages', () => {
  it('lists image files by extension, skipping hidden entries, sorted', async () => {
    expect((await listImages(pictures, false)).map((file) => file.relative)).toEqual(['a.png', 'b.JPG']);
  });

  it('goes into subfolders when recursive, but not through linked folders', async () => {
    expect((await listImages(pictures, true)).map((file) => file.relative)).toEqual([
      'a.png',
      'b.JPG',
      join('trip', 'c.webp'),
      join('trip', 'day-1', 'd.jpeg'),
    ]);
  });
});
