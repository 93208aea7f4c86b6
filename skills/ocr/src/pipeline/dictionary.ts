import { readFile } from 'node:fs/promises';
import { MmskillsError } from '@mmskills/core/runtime';

/**
 * The recogniser's output classes in order: CTC blank at 0, then one character per line of the
 * dictionary file, then a space (PaddleOCR's `use_space_char`).
 */
export type Charset = readonly string[];

/** Reads a PaddleOCR dictionary (one character per line, UTF-8) into a charset. */
export async function readCharset(path: string): Promise<Charset> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new MmskillsError('model_not_found', `OCR dictionary could not be read: "${path}"`, {
      cause: error,
    });
  }
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.at(-1) === '') lines.pop();
  if (lines.length === 0) throw new MmskillsError('model_failed', `OCR dictionary "${path}" is empty`);
  return ['', ...lines, ' '];
}
