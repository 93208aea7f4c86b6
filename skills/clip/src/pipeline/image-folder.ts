import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MmskillsError } from '@mmskills/core';

/** Extensions of the formats core's decoder takes (SVG is refused there on purpose). */
const IMAGE_EXTENSIONS = new Set([
  '.jpg',
  '.jpeg',
  '.png',
  '.webp',
  '.gif',
  '.tif',
  '.tiff',
  '.avif',
  '.heic',
  '.heif',
]);

/** The most images one folder may hold, so one call cannot embed a whole disk. */
export const MAX_FILES = 10_000;

/** An image file of the folder, by its path relative to the folder. */
export interface FolderFile {
  relative: string;
  absolute: string;
  mtimeMs: number;
  size: number;
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return (
    relative === '' ||
    (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative))
  );
}

/**
 * The real path of `folder` if it lies inside one of `roots` (links resolved), as image files
 * must. Like core's file reads, a folder outside is refused whether or not it exists.
 * @throws MmskillsError `image_source_forbidden`, `image_not_found` or `invalid_argument`
 */
export async function allowedFolder(folder: string, roots: readonly string[]): Promise<string> {
  const absolute = path.resolve(folder);
  const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => path.resolve(root))));
  const forbidden = new MmskillsError(
    'image_source_forbidden',
    `folder ${absolute} is outside the allowed roots; the server's operator sets them with MMSKILLS_FILE_ROOTS`,
  );
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    if (!realRoots.some((root) => isInside(root, absolute))) throw forbidden;
    throw new MmskillsError('image_not_found', `folder ${absolute} does not exist; check the path`, {
      cause: error,
    });
  }
  if (!realRoots.some((root) => isInside(root, real))) throw forbidden;
  if (!(await stat(real)).isDirectory()) {
    throw new MmskillsError(
      'invalid_argument',
      `${absolute} is not a folder; pass the folder that holds the pictures`,
    );
  }
  return real;
}

/**
 * The image files in `folder` (and its subfolders when `recursive`), sorted by path. Hidden
 * entries are skipped, and linked folders are not followed (a link loop would never end).
 */
export async function listImages(folder: string, recursive: boolean): Promise<FolderFile[]> {
  const found: FolderFile[] = [];
  const visit = async (dir: string): Promise<void> => {
    const entries: Dirent[] = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (recursive) await visit(absolute);
        continue;
      }
      if (!IMAGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) continue;
      const info = await stat(absolute).catch(() => undefined);
      if (!info?.isFile()) continue;
      if (found.length >= MAX_FILES) {
        throw new MmskillsError(
          'invalid_argument',
          `${folder} holds more than ${MAX_FILES} images; search a smaller folder`,
        );
      }
      found.push({
        relative: path.relative(folder, absolute),
        absolute,
        mtimeMs: info.mtimeMs,
        size: info.size,
      });
    }
  };
  await visit(folder);
  return found.sort((a, b) => a.relative.localeCompare(b.relative));
}
