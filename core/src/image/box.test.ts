import { describe, expect, it } from 'vitest';
import { type AnyBox, BoxSchema, clampBox, denormaliseBox, iou, nms, normaliseBox } from './box.js';

describe('BoxSchema', () => {
  it('accepts four fractions and refuses anything else', () => {
    expect(BoxSchema.parse([0, 0.25, 0.5, 1])).toEqual([0, 0.25, 0.5, 1]);
    expect(BoxSchema.safeParse([0, 0, 1]).success).toBe(false);
    expect(BoxSchema.safeParse([0, 0, 1, 1.5]).success).toBe(false);
    expect(BoxSchema.safeParse([0, 0, 1, Number.NaN]).success).toBe(false);
    expect(BoxSchema.safeParse([0, 0, 1, 1, 1]).success).toBe(false);
  });
});

describe('normaliseBox / denormaliseBox / clampBox', () => {
  it('converts between pixels and fractions', () => {
    expect(normaliseBox([10, 20, 30, 40], 100, 50)).toEqual([0.1, 0.4, 0.3, 0.8]);
    expect(denormaliseBox([0.1, 0.4, 0.3, 0.8], 100, 50)).toEqual([10, 20, 30, 40]);
  });

  it('clamps into the unit square', () => {
    expect(clampBox([-0.2, 0.5, 1.3, Number.NaN])).toEqual([0, 0.5, 1, 0]);
  });
});

describe('iou', () => {
  it.each<[string, AnyBox, AnyBox, number]>([
    ['identical', [0, 0, 2, 2], [0, 0, 2, 2], 1],
    ['disjoint', [0, 0, 1, 1], [2, 2, 3, 3], 0],
    ['touching edges', [0, 0, 1, 1], [1, 0, 2, 1], 0],
    ['half overlap', [0, 0, 2, 2], [1, 0, 3, 2], 2 / 6],
    ['contained', [0, 0, 4, 4], [1, 1, 3, 3], 4 / 16],
    ['corner overlap', [0, 0, 2, 2], [1, 1, 3, 3], 1 / 7],
    ['normalised', [0, 0, 0.5, 0.5], [0.25, 0.25, 0.75, 0.75], 0.0625 / 0.4375],
    ['zero area', [1, 1, 1, 1], [1, 1, 1, 1], 0],
    ['inverted box', [2, 2, 0, 0], [0, 0, 2, 2], 0],
  ])('%s', (_name, a, b, expected) => {
    expect(iou(a, b)).toBeCloseTo(expected, 10);
    expect(iou(b, a)).toBeCloseTo(expected, 10);
  });
});

describe('nms', () => {
  const items = [
    { id: 'a', box: [0, 0, 10, 10] as const, score: 0.9, label: 'cat' },
    { id: 'b', box: [1, 1, 11, 11] as const, score: 0.8, label: 'cat' },
    { id: 'c', box: [1, 0, 11, 10] as const, score: 0.85, label: 'dog' },
    { id: 'd', box: [20, 20, 30, 30] as const, score: 0.5, label: 'cat' },
    { id: 'e', box: [0, 0, 10, 5] as const, score: 0.95, label: 'cat' },
  ];
  const ids = (kept: readonly { id: string }[]) => kept.map((item) => item.id);

  it.each<[string, number, Parameters<typeof nms<(typeof items)[number]>>[2], string[]]>([
    ['class-agnostic at 0.5', 0.5, {}, ['e', 'a', 'd']],
    ['per class at 0.5', 0.5, { classOf: (item) => item.label }, ['e', 'a', 'c', 'd']],
    ['threshold 0 keeps only non-overlapping', 0, {}, ['e', 'd']],
    ['threshold 1 keeps all, best first', 1, {}, ['e', 'a', 'c', 'b', 'd']],
    ['maxResults', 1, { maxResults: 2 }, ['e', 'a']],
  ])('%s', (_name, threshold, options, expected) => {
    expect(ids(nms(items, threshold, options))).toEqual(expected);
  });

  it('suppresses only above the threshold, and leaves its input alone', () => {
    // iou(a, e) is exactly 0.5, so a survives at 0.5 and falls at 0.49 (letting c, which a suppressed, in).
    expect(iou([0, 0, 10, 10], [0, 0, 10, 5])).toBe(0.5);
    expect(ids(nms(items, 0.49))).toEqual(['e', 'c', 'd']);
    expect(ids(items)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(nms([], 0.5)).toEqual([]);
  });
});
