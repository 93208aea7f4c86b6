import { constants } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { MmskillsError } from '@mmskills/core';
import { z } from 'zod';
import type { MadeImage } from '../generate.js';
import { type Sample, type SampleFormat, toJsonl } from '../sample.js';
import { allImagesOf, imageField, imagesOf } from './image-tokens.js';
import { llamaFactoryEntry } from './sharegpt.js';

/** The folder, beside the data file, that holds every picture its samples name. */
export const IMAGES_FOLDER = 'images';

export interface WrittenDataset {
  /** The pictures copied from the image folder, and the tool-made ones written. */
  copied: number;
  made: number;
  /** For `sharegpt`: the `dataset_info.json` written or updated, and the entry it holds. */
  datasetInfo?: { path: string; name: string; entry: ReturnType<typeof llamaFactoryEntry> };
}

const DatasetInfoSchema = z.record(z.string(), z.unknown());

async function mergeDatasetInfo(path: string, name: string, entry: object): Promise<void> {
  const text = await readFile(path, 'utf8').catch(() => '{}');
  let info: Record<string, unknown>;
  try {
    info = DatasetInfoSchema.parse(JSON.parse(text));
  } catch (cause) {
    throw new MmskillsError('invalid_argument', `${path} is not a JSON object; not overwriting it`, {
      cause,
    });
  }
  await writeFile(path, `${JSON.stringify({ ...info, [name]: entry }, null, 2)}\n`);
}

/**
 * Writes generated samples as a self-contained folder a trainer reads as is: `out` (JSONL in
 * `format`), and beside it `images/` with a copy of each picture the samples use and the pictures
 * tools made; every path in `out` is relative to its folder. For `sharegpt`, the dataset's entry
 * is added to `dataset_info.json` there (LLaMA-Factory's registry; other entries are kept).
 * @see ../../README.md "Sample shapes"
 */
export async function writeDataset(options: {
  out: string;
  format: SampleFormat;
  samples: readonly Sample[];
  made: readonly MadeImage[];
  imagesDir: string;
}): Promise<WrittenDataset> {
  const root = dirname(resolve(options.out));
  const folder = join(root, IMAGES_FOLDER);
  await mkdir(folder, { recursive: true });
  const originals = [...new Set(options.samples.flatMap((sample) => imagesOf(sample)))];
  const names = [...originals, ...options.made.map((image) => image.name)];
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) {
    throw new MmskillsError('invalid_argument', `two pictures would be written as ${IMAGES_FOLDER}/${twice}`);
  }
  for (const name of originals) {
    const [from, to] = [resolve(options.imagesDir, name), join(folder, name)];
    // A copy-on-write clone where the file system has one (btrfs, XFS, APFS), a copy elsewhere.
    if (from !== to) await copyFile(from, to, constants.COPYFILE_FICLONE);
  }
  for (const image of options.made) await writeFile(join(folder, image.name), image.data);
  const samples = options.samples.map((sample) => ({
    ...sample,
    ...imageField(allImagesOf(sample).map((name) => `${IMAGES_FOLDER}/${name}`)),
  }));
  await writeFile(options.out, toJsonl(samples, options.format));
  const written: WrittenDataset = { copied: originals.length, made: options.made.length };
  if (options.format === 'sharegpt') {
    const path = join(root, 'dataset_info.json');
    const name = basename(options.out, extname(options.out));
    const entry = llamaFactoryEntry(basename(options.out));
    await mergeDatasetInfo(path, name, entry);
    written.datasetInfo = { path, name, entry };
  }
  return written;
}
