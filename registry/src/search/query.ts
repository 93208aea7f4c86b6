import type { ToolDescriptor } from '@mmskills/core';

const MAX_TERMS = 16;

// Requests are phrased as questions ("what is in this photo?"); these words match every tool.
const STOP_WORDS = new Set(
  'a an and any are as at be by can could do does for from how i in is it its me my of on or please show tell that the this to what where which who with you your'.split(
    ' ',
  ),
);

/**
 * Lower-case content words of a query; everything else (quotes, operators) is dropped so input
 * can't inject query syntax.
 */
export function queryTerms(query: string): string[] {
  const words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return [...new Set(words.filter((word) => word && !STOP_WORDS.has(word)))].slice(0, MAX_TERMS);
}

/**
 * Searches run as two passes: every term (`all`), then any term to fill the page. The narrow
 * pass ranks few rows and its hits are the most relevant; the wide one only runs when needed.
 */
export type Match = 'all' | 'any';

/** FTS5 MATCH expression, each term as a prefix. */
export function fts5Query(terms: readonly string[], match: Match = 'any'): string {
  return terms.map((term) => `"${term}"*`).join(match === 'all' ? ' AND ' : ' OR ');
}

/** PostgreSQL `to_tsquery('simple', …)` text, each term as a prefix. */
export function tsQuery(terms: readonly string[], match: Match = 'any'): string {
  return terms.map((term) => `${term}:*`).join(match === 'all' ? ' & ' : ' | ');
}

/** Runs the `all` pass, then the `any` pass when the page is not full, keeping the first rank of each hit. */
export async function twoPassSearch<T>(
  terms: readonly string[],
  limit: number,
  run: (match: Match, limit: number) => Promise<T[]>,
  key: (hit: T) => string,
): Promise<T[]> {
  const narrow = await run('all', limit);
  if (narrow.length >= limit || terms.length === 1) return narrow;
  const seen = new Set(narrow.map(key));
  const wide = (await run('any', limit)).filter((hit) => !seen.has(key(hit)));
  return [...narrow, ...wide].slice(0, limit);
}

/** The searchable fields of a tool, with snake_case split into words. */
export function toolDocument(tool: ToolDescriptor) {
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, { description?: unknown }>;
  const params = Object.entries(properties)
    .map(
      ([name, schema]) =>
        `${words(name)} ${typeof schema.description === 'string' ? schema.description : ''}`,
    )
    .join(' ');
  return {
    name: words(tool.name),
    title: tool.title ?? '',
    description: tool.description ?? '',
    params,
  };
}

function words(identifier: string): string {
  return identifier.replace(/[_-]+/g, ' ');
}
