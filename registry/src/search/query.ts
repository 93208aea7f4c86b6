import type { ToolDescriptor } from '@mmskills/core';

const MAX_TERMS = 16;

/** Query words this long match as prefixes; a one- or two-letter prefix matches half the vocabulary. */
export const MIN_PREFIX = 3;

// Requests are phrased as questions ("what is in this photo?"); these words match every tool.
const STOP_WORDS = new Set(
  'a an and any are as at be by can could do does for from how i in is it its me my of on or please show tell that the this to what where which who with you your'.split(
    ' ',
  ),
);

const ASCII = /^\p{ASCII}*$/u;

/**
 * The words of a text: lower-cased, without diacritics, split at anything that is not a letter or
 * a digit (so `detect_objects` is two words). Queries and documents go through the same function.
 */
export function words(text: string): string[] {
  const lower = text.toLowerCase();
  // Most text is ASCII; Unicode normalisation and property classes cost several times more.
  if (ASCII.test(lower)) return lower.split(/[^a-z0-9]+/).filter((word) => word.length > 0);
  const folded = lower.normalize('NFKD').replace(/\p{M}+/gu, '');
  return folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
}

/**
 * Content words of a query, unique, at most 16; everything else (quotes, operators) is dropped,
 * so input can't inject query syntax.
 */
export function queryTerms(query: string): string[] {
  return [...new Set(words(query).filter((word) => !STOP_WORDS.has(word)))].slice(0, MAX_TERMS);
}

/** The searchable fields of a tool, ranked by these weights (a name hit counts most). */
export const FIELD_WEIGHTS = { name: 10, title: 6, description: 3, params: 1 } as const;
export type Field = keyof typeof FIELD_WEIGHTS;

/** The words of each searchable field of a tool: name, title, description, parameter names and descriptions. */
export function toolDocument(tool: ToolDescriptor): Record<Field, string[]> {
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, { description?: unknown }>;
  const params = Object.entries(properties).flatMap(([name, schema]) => [
    ...words(name),
    ...(typeof schema.description === 'string' ? words(schema.description) : []),
  ]);
  return {
    name: words(tool.name),
    title: words(tool.title ?? ''),
    description: words(tool.description ?? ''),
    params,
  };
}
