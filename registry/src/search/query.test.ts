import { describe, expect, it } from 'vitest';
import { fts5Query, queryTerms, toolDocument, tsQuery } from './query.js';

describe('search queries', () => {
  it('keeps only words, lower-cased and unique', () => {
    expect(queryTerms('Read "TEXT" OR text* -- ; drop')).toEqual(['read', 'text', 'drop']);
    expect(queryTerms('Where is the cat in this photo?')).toEqual(['cat', 'photo']);
    expect(queryTerms('  ')).toEqual([]);
  });

  it('builds prefix queries for both engines', () => {
    expect(fts5Query(['read', 'text'])).toBe('"read"* OR "text"*');
    expect(tsQuery(['read', 'text'])).toBe('read:* | text:*');
  });

  it('indexes parameter names and descriptions as words', () => {
    const doc = toolDocument({
      name: 'detect_objects',
      description: 'Finds objects.',
      inputSchema: {
        type: 'object',
        properties: { min_score: { type: 'number', description: 'lowest score' } },
      },
    });
    expect(doc.name).toBe('detect objects');
    expect(doc.params).toBe('min score lowest score');
  });
});
