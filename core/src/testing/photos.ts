import { fileURLToPath } from 'node:url';

/** The committed test photos (`test/photos/`, public domain or CC0; see the README there). */
export const PHOTOS = ['astronaut', 'chelsea', 'coffee', 'motorcycle_left', 'page', 'text'] as const;
export type PhotoName = (typeof PHOTOS)[number];

/** Absolute path of a committed test photo; only meaningful inside the mmskills repository. */
export function photoPath(name: PhotoName): string {
  return fileURLToPath(new URL(`../../../test/photos/${name}.png`, import.meta.url));
}
