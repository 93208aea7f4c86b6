import { describe, expect, it } from 'vitest';
import { queryTerms, toolDocument, words } from './query.js';

describe('search queries', () => {
  it('keeps only words, lower-cased and unique', () => {
    expect(queryTerms('Read "TEXT" OR text* -- ; drop')).toEqual(['read', 'text', 'drop']);
    expect(queryTerms('Where is the cat in this photo?')).toEqual(['cat', 'photo']);
    expect(queryTerms('  ')).toEqual([]);
  });

  it('folds case and diacritics the same way for queries and documents', () => {
    expect(words('Café CRÈME_brûlée-2')).toEqual(['cafe', 'creme', 'brulee', '2']);
    expect(queryTerms('ÉTIQUETTE')).toEqual(['etiquette']);
  });

  it('keeps at most 16 terms', () => {
    const many = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    expect(queryTerms(many)).toHaveLength(16);
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
    expect(doc.name).toEqual(['detect', 'objects']);
    expect(doc.title).toEqual([]);
    expect(doc.params).toEqual(['min', 'score', 'lowest', 'score']);
  });
});
