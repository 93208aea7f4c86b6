import type { ToolDescriptor } from '@mmskills/core';
import { FIELD_WEIGHTS, type Field, MIN_PREFIX, queryTerms, toolDocument } from './query.js';

/**
 * Database full-text searches run in two passes: tools with every query word (`all`), then tools
 * with any (`any`) to fill the page, so tools matching the whole query come first as in the
 * in-memory index. The second pass runs only when the first leaves the page short.
 */
export type Match = 'all' | 'any';

const FIELDS = Object.keys(FIELD_WEIGHTS) as readonly Field[];
// PostgreSQL weight letters, in FIELDS order; ts_rank's weight array is {D, C, B, A}.
const WEIGHT_LETTERS = ['A', 'B', 'C', 'D'] as const;
// The highest position a tsvector holds.
const MAX_POSITION = 16_383;

/**
 * FTS5 MATCH expression over `queryTerms` output (letters and digits only, so no query syntax can
 * get through); words of three letters or more match as prefixes.
 */
export function fts5Query(terms: readonly string[], match: Match): string {
  return terms
    .map((term) => {
      const quoted = `"${term.replaceAll('"', '""')}"`;
      return term.length >= MIN_PREFIX ? `${quoted}*` : quoted;
    })
    .join(match === 'all' ? ' AND ' : ' OR ');
}

/** A `tsquery` literal (cast, not parsed by `to_tsquery`, so lexemes stay exactly our words). */
export function tsQuery(terms: readonly string[], match: Match): string {
  return terms
    .map((term) => (term.length >= MIN_PREFIX ? `${lexeme(term)}:*` : lexeme(term)))
    .join(match === 'all' ? ' & ' : ' | ');
}

/** The FTS5 columns of a tool (name, title, description, parameters), as space-separated words. */
export function fts5Columns(tool: ToolDescriptor): string[] {
  const document = toolDocument(tool);
  return FIELDS.map((field) => document[field].join(' '));
}

/**
 * A `tsvector` literal of a tool: our own words with their positions, weighted A (name),
 * B (title), C (description), D (parameters), the ratios of the in-memory index's field weights.
 */
export function tsvectorLiteral(tool: ToolDescriptor): string {
  const document = toolDocument(tool);
  const positions = new Map<string, string[]>();
  let position = 0;
  FIELDS.forEach((field, i) => {
    for (const word of document[field]) {
      position = Math.min(position + 1, MAX_POSITION);
      const list = positions.get(word) ?? [];
      list.push(`${position}${WEIGHT_LETTERS[i]}`);
      positions.set(word, list);
    }
  });
  return [...positions].map(([word, list]) => `${lexeme(word)}:${list.join(',')}`).join(' ');
}

/** Weights for `ts_rank`, {D, C, B, A}: the field weights, scaled so that the name's is 1. */
export const TS_RANK_WEIGHTS = `{${[...FIELDS]
  .reverse()
  .map((field) => FIELD_WEIGHTS[field] / FIELD_WEIGHTS.name)
  .join(', ')}}`;

/**
 * Splits the query into its words (none: no hits), runs the `all` pass, then the `any` pass when
 * the page is not full, keeping each hit's first rank.
 */
export async function twoPassSearch<T>(
  query: string,
  limit: number,
  run: (terms: readonly string[], match: Match) => Promise<T[]>,
  key: (hit: T) => string,
): Promise<T[]> {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const narrow = await run(terms, 'all');
  if (narrow.length >= limit || terms.length === 1) return narrow;
  const seen = new Set(narrow.map(key));
  const wide = (await run(terms, 'any')).filter((hit) => !seen.has(key(hit)));
  return [...narrow, ...wide].slice(0, limit);
}

function lexeme(word: string): string {
  return `'${word.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}
