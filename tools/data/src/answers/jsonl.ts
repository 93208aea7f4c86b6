import { MmskillsError } from '@mmskills/core';
import type { z } from 'zod';

/** One parsed line of a JSONL file, with its 1-based line number for error messages. */
export interface JsonLine {
  line: number;
  value: unknown;
}

/** A bad line of an item file: `invalid_argument`, with the file, the line and what is wrong. */
export function lineError(file: string, line: number, problem: string): MmskillsError {
  return new MmskillsError('invalid_argument', `${file} line ${line}: ${problem}`);
}

/**
 * The non-blank lines of a JSONL text, each parsed.
 * @throws {MmskillsError} `invalid_argument` at the first line that is not JSON, or when none holds anything.
 */
export function parseJsonLines(text: string, file: string): JsonLine[] {
  const lines: JsonLine[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    if (raw.trim() === '') continue;
    try {
      lines.push({ line: index + 1, value: JSON.parse(raw) });
    } catch (error) {
      throw lineError(file, index + 1, `not JSON (${(error as Error).message})`);
    }
  }
  if (lines.length === 0) throw new MmskillsError('invalid_argument', `${file} holds no item`);
  return lines;
}

/** A zod failure as one line a person can act on: every issue's field path and message. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 4)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(line)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Parses each line with `schema`, naming the line and the fields at the first that fails.
 * @throws {MmskillsError} `invalid_argument`
 */
export function parseLinesWith<S extends z.ZodType>(lines: readonly JsonLine[], schema: S, file: string) {
  return lines.map(({ line, value }) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw lineError(file, line, describeIssues(parsed.error));
    return { line, value: parsed.data as z.infer<S> };
  });
}

/**
 * Checks that no two items share an id, since reports and `--json` are keyed by it.
 * @throws {MmskillsError} `invalid_argument` naming both lines.
 */
export function assertUniqueIds(items: ReadonlyArray<{ line: number; id: string }>, file: string): void {
  const seen = new Map<string, number>();
  for (const { line, id } of items) {
    const first = seen.get(id);
    if (first !== undefined) throw lineError(file, line, `id "${id}" is already used on line ${first}`);
    seen.set(id, line);
  }
}
