import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { MmskillsError } from '@mmskills/core';

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

export interface ImageFile {
  /** Path relative to the image folder, with `/` separators: what a sample's `image` says. */
  name: string;
  path: string;
  mimeType: string;
}

/** The mime type of a picture file by its extension, or undefined for other files. */
export function imageMimeType(path: string): string | undefined {
  return MIME[extname(path).toLowerCase()];
}

/**
 * The pictures directly in `dir` (PNG, JPEG, WebP), sorted by name so that generation is stable.
 * @throws {MmskillsError} `invalid_argument` when `dir` is not a folder or holds no picture.
 */
export async function listImages(dir: string): Promise<ImageFile[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new MmskillsError('invalid_argument', `--images ${dir} is not a folder`);
  }
  const names = (await readdir(dir)).filter((name) => imageMimeType(name) !== undefined).sort();
  if (names.length === 0) {
    throw new MmskillsError('invalid_argument', `--images ${dir} has no .png, .jpg or .webp picture`);
  }
  return names.map((name) => ({ name, path: join(dir, name), mimeType: imageMimeType(name) as string }));
}

/** Reads a picture a sample names, relative to the image folder. */
export async function readSampleImage(
  dir: string,
  name: string,
): Promise<{ data: Buffer; mimeType: string }> {
  const mimeType = imageMimeType(name);
  if (!mimeType) throw new MmskillsError('invalid_argument', `${name} is not a .png, .jpg or .webp picture`);
  const data = await readFile(join(dir, name)).catch((error: Error) => {
    throw new MmskillsError('image_not_found', `cannot read ${join(dir, name)}: ${error.message}`);
  });
  return { data, mimeType };
}
