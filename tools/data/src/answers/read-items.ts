import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { MmskillsError } from '@mmskills/core';
import { z } from 'zod';
import { type AnswerItem, AnswerItemSchema } from './item.js';
import { assertUniqueIds, parseJsonLines, parseLinesWith } from './jsonl.js';
import { llavaBenchItems } from './llava-bench.js';
import { vstarItems } from './vstar.js';

export const AnswerFormatSchema = z.enum(['mmskills', 'vstar', 'llava-bench']);
export type AnswerFormat = z.infer<typeof AnswerFormatSchema>;

export interface ReadItemsOptions {
  file: string;
  format?: AnswerFormat;
  /** LLaVA-Bench's reference answers; default `answers_gpt4.jsonl` beside the questions. */
  references?: string;
}

export interface ReadItemsResult {
  items: AnswerItem[];
  /** Where the items' pictures are by the format's layout: the file's folder (LLaVA-Bench: its `images/`). */
  imagesDir: string;
}

async function readText(path: string, what: string): Promise<string> {
  return readFile(path, 'utf8').catch((error: Error) => {
    throw new MmskillsError('invalid_argument', `cannot read ${what} ${path}: ${error.message}`);
  });
}

/** mmskills' own JSONL: one {@link AnswerItemSchema} per line. */
export function parseAnswerItems(text: string, file: string): AnswerItem[] {
  const items = parseLinesWith(parseJsonLines(text, file), AnswerItemSchema, file);
  assertUniqueIds(
    items.map(({ line, value }) => ({ line, id: value.id })),
    file,
  );
  return items.map(({ value }) => value);
}

/**
 * Reads an item file in one of the formats, as items with checkable answers.
 * @throws {MmskillsError} `invalid_argument` for a missing file or a bad line (file, line number and what is wrong).
 * @see ../../README.md "Answers"
 */
export async function readAnswerItems(options: ReadItemsOptions): Promise<ReadItemsResult> {
  const format = options.format ?? 'mmskills';
  const folder = dirname(resolve(options.file));
  const text = await readText(options.file, 'the item file');
  if (format === 'mmskills') return { items: parseAnswerItems(text, options.file), imagesDir: folder };
  if (format === 'vstar')
    return { items: vstarItems(parseJsonLines(text, options.file), options.file), imagesDir: folder };
  const references = options.references ?? join(folder, 'answers_gpt4.jsonl');
  const items = llavaBenchItems(
    parseJsonLines(text, options.file),
    parseJsonLines(await readText(references, 'the reference answers'), references),
    { questions: options.file, references },
  );
  const images = join(folder, 'images');
  return { items, imagesDir: existsSync(images) ? images : folder };
}
