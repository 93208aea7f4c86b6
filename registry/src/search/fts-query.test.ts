import { describe, expect, it } from 'vitest';
import { fts5Columns, fts5Query, tsQuery, tsvectorLiteral, twoPassSearch } from './fts-query.js';
import { queryTerms } from './query.js';

const tool = {
  name: 'read_text',
  title: 'Read text',
  description: 'Reads text in a café photo.',
  inputSchema: {
    type: 'object' as const,
    properties: { min_score: { type: 'number', description: 'floor' } },
  },
};

describe('database full-text queries', () => {
  it('quotes every term and makes words of three letters or more prefixes', () => {
    const terms = queryTerms('NEAR(cars) AND "go" -x *');
    expect(terms).toEqual(['near', 'cars', 'go', 'x']);
    expect(fts5Query(terms, 'any')).toBe('"near"* OR "cars"* OR "go" OR "x"');
    expect(fts5Query(terms, 'all')).toBe('"near"* AND "cars"* AND "go" AND "x"');
    expect(tsQuery(terms, 'any')).toBe("'near':* | 'cars':* | 'go' | 'x'");
    expect(tsQuery(["o'b\\"], 'all')).toBe("'o''b\\\\':*");
  });

  it('builds documents from the words the in-memory index uses, weighted by field', () => {
    expect(fts5Columns(tool)).toEqual([
      'read text',
      'read text',
      'reads text in a cafe photo',
      'min score floor',
    ]);
    expect(tsvectorLiteral(tool)).toBe(
      "'read':1A,3B 'text':2A,4B,6C 'reads':5C 'in':7C 'a':8C 'cafe':9C 'photo':10C 'min':11D 'score':12D 'floor':13D",
    );
  });

  it('fills the page from the any-word pass only when the all-word pass leaves it short', async () => {
    const passes: string[] = [];
    const run = async (terms: readonly string[], match: 'all' | 'any') => {
      passes.push(`${match} ${terms.join(' ')}`);
      return match === 'all' ? ['b'] : ['a', 'b', 'c'];
    };
    expect(await twoPassSearch('cats and dogs', 2, run, (hit) => hit)).toEqual(['b', 'a']);
    expect(await twoPassSearch('cats dogs', 1, run, (hit) => hit)).toEqual(['b']);
    expect(await twoPassSearch('cats', 5, run, (hit) => hit)).toEqual(['b']);
    expect(await twoPassSearch('the -- "" *', 5, run, (hit) => hit)).toEqual([]);
    expect(passes).toEqual(['all cats dogs', 'any cats dogs', 'all cats dogs', 'all cats']);
  });
});
