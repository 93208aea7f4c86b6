import { describe, expect, it } from 'vitest';
import { classIndices, describeObjects, selectObjects } from './select-objects.js';

const labels = ['apple', 'banana'];

describe('classIndices', () => {
  it('matches names case-insensitively and lists every valid label for an unknown one', () => {
    expect(classIndices([' Banana', 'apple'], labels)).toEqual(new Set([1, 0]));
    expect(() => classIndices(['kiwi', 'fig'], labels)).toThrow(
      'unknown labels "kiwi", "fig"; valid labels: apple, banana',
    );
  });
});

describe('selectObjects', () => {
  const candidates = [
    { classIndex: 0, score: 0.61234, box: [0.1, 0.1, 0.5, 0.5] as const },
    { classIndex: 0, score: 0.5, box: [0.11, 0.1, 0.5, 0.5] as const },
    { classIndex: 1, score: 0.9, box: [0.1, 0.1, 0.5, 0.5] as const },
    { classIndex: 1, score: 0.4, box: [0.6, 0.6, 0.912345, 0.9] as const },
  ];

  it('suppresses overlaps within a class only, names, rounds and sorts', () => {
    expect(selectObjects(candidates, labels, { maxResults: 10 })).toEqual([
      { label: 'banana', score: 0.9, box: [0.1, 0.1, 0.5, 0.5] },
      { label: 'apple', score: 0.612, box: [0.1, 0.1, 0.5, 0.5] },
      { label: 'banana', score: 0.4, box: [0.6, 0.6, 0.9123, 0.9] },
    ]);
  });

  it('filters classes and caps the count', () => {
    const apples = selectObjects(candidates, labels, { maxResults: 10, classes: new Set([0]) });
    expect(apples.map((o) => o.label)).toEqual(['apple']);
    expect(selectObjects(candidates, labels, { maxResults: 1 })).toHaveLength(1);
  });

  it('renders a text line', () => {
    const objects = selectObjects(candidates, labels, { maxResults: 1 });
    expect(describeObjects(objects, 0.3)).toBe('1 object: banana 0.90 [0.10, 0.10, 0.50, 0.50]');
    expect(describeObjects([], 0.3)).toBe('No objects found with score ≥ 0.3.');
  });
});
