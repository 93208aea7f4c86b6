import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MmskillsError } from '@mmskills/core';

/**
 * Reads a labels file: one class name per line, in class-index order. Blank lines at the end are
 * dropped; a blank line in the middle is an error, as it would shift every later class.
 * @throws MmskillsError `model_not_found` when the file is missing, `model_failed` when it is unusable.
 */
export async function readLabelsFile(path: string, setting: string): Promise<string[]> {
  const full = resolve(path);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (error) {
    throw new MmskillsError(
      'model_not_found',
      `labels file not found: "${full}". Fix ${setting} to name a text file with one class name per line.`,
      { cause: error },
    );
  }
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  const blank = lines.indexOf('');
  if (lines.length === 0 || blank >= 0) {
    throw new MmskillsError(
      'model_failed',
      lines.length === 0
        ? `labels file "${full}" is empty; it needs one class name per line`
        : `labels file "${full}" has a blank line ${blank + 1}; every line up to the last must name a class`,
    );
  }
  return lines;
}
