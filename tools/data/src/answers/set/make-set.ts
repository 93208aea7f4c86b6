import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { seededRandom } from '../../prng.js';
import { type AnswerItem, AnswerItemSchema } from '../item.js';
import { smallTextItem } from './page-items.js';
import { PHOTO_ITEMS } from './photo-items.js';
import { boxItem, colourItem, countItem, type DrawnItem, positionItem } from './shape-items.js';

/** How many items of each drawn kind the set holds; the photos add theirs. */
export const SET_SIZES = { 'small-text': 4, count: 6, colour: 4, position: 4, box: 3 } as const;
const MAKERS = {
  'small-text': smallTextItem,
  count: countItem,
  colour: colourItem,
  position: positionItem,
  box: boxItem,
} as const;

// The repository's committed photos, at the same depth from src/ and dist/.
const REPO_PHOTOS = fileURLToPath(new URL('../../../../../test/photos', import.meta.url));

export interface MakeSetOptions {
  out: string;
  seed?: number | string;
  /** Folder with the test photos (astronaut.png, chelsea.png …); default the repository's test/photos. */
  photos?: string;
}

export interface MakeSetResult {
  items: AnswerItem[];
  /** `items.jsonl` in `out`. */
  file: string;
  /** Photo items left out because their photo was not in the photos folder. */
  skipped: string[];
}

/**
 * Writes an evaluation set with known answers to `out`: drawn pictures (PNG, rendered from SVG
 * by sharp) of small text on large pages, shapes to count, colours and positions, the test photos
 * under `photos/`, and `items.jsonl`. Each item draws from its own seeded stream, so the same seed
 * gives the same bytes, and a change to one kind leaves the others as they were.
 * @see ../../../README.md "Answers"
 */
export async function makeAnswerSet(options: MakeSetOptions): Promise<MakeSetResult> {
  const seed = options.seed ?? 1;
  await mkdir(options.out, { recursive: true });
  const drawn: DrawnItem[] = [];
  for (const [kind, count] of Object.entries(SET_SIZES) as Array<[keyof typeof SET_SIZES, number]>) {
    for (let n = 0; n < count; n += 1) drawn.push(MAKERS[kind](seededRandom(`${seed}:${kind}:${n}`), n));
  }
  const items: AnswerItem[] = [];
  for (const { item, svg } of drawn) {
    await writeFile(join(options.out, item.image), await sharp(Buffer.from(svg)).png().toBuffer());
    items.push(AnswerItemSchema.parse(item));
  }
  const photos = options.photos ?? REPO_PHOTOS;
  const skipped: string[] = [];
  const copied = new Set<string>();
  for (const item of PHOTO_ITEMS) {
    if (!existsSync(join(photos, item.image))) {
      skipped.push(item.id);
      continue;
    }
    if (!copied.has(item.image)) {
      await mkdir(join(options.out, 'photos'), { recursive: true });
      await copyFile(join(photos, item.image), join(options.out, 'photos', item.image));
      copied.add(item.image);
    }
    items.push(AnswerItemSchema.parse({ ...item, image: `photos/${item.image}` }));
  }
  const file = join(options.out, 'items.jsonl');
  await writeFile(file, items.map((item) => `${JSON.stringify(item)}\n`).join(''));
  return { items, file, skipped };
}
