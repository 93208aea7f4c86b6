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

/** FTS5 MATCH expression: any term, each as a prefix. */
export function fts5Query(terms: readonly string[]): string {
  return terms.map((term) => `"${term}"*`).join(' OR ');
}

/** PostgreSQL `to_tsquery('simple', …)` text: any term, each as a prefix. */
export function tsQuery(terms: readonly string[]): string {
  return terms.map((term) => `${term}:*`).join(' | ');
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
