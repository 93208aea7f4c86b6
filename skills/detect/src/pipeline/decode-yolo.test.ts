import { isMmskillsError } from '@mmskills/core';
import { describe, expect, it } from 'vitest';
import { decodeYolo, yoloLayout } from './decode-yolo.js';

describe('yoloLayout', () => {
  it('tells the layouts apart by the number of labels', () => {
    expect(yoloLayout([1, 84, 8400], 80, 'coco')).toBe('v8');
    expect(yoloLayout([1, 25200, 85], 80, 'coco')).toBe('v5');
    expect(yoloLayout([1, 8400, 84], 80, 'coco')).toBe('v8-anchor-major');
    // [1, 4 + C, N] wins when N happens to be 5 + C as well.
    expect(yoloLayout([1, 7, 8], 3, 'fruit')).toBe('v8');
  });

  it('names the shape, the label count and its source when nothing fits', () => {
    let error: unknown;
    try {
      yoloLayout([1, 300, 6], 80, '"coco.txt"');
    } catch (caught) {
      error = caught;
    }
    expect(isMmskillsError(error, 'model_failed')).toBe(true);
    expect((error as Error).message).toMatch(
      /^the model's output shape \[1, 300, 6\] does not fit 80 labels from "coco\.txt": expected \[1, 84, N\]/,
    );
  });
});

describe('decodeYolo', () => {
  it('reads anchor-major v8 output: best class per anchor, centre size to corners', () => {
    const data = Float32Array.from([10, 20, 4, 8, 0.2, 0.7, 50, 50, 10, 10, 0.1, 0.2]);
    expect(decodeYolo(data, [1, 2, 6], 2, 'v8-anchor-major', 0.3)).toEqual([
      { box: [8, 16, 12, 24], classIndex: 1, score: expect.closeTo(0.7, 6) },
    ]);
  });

  it('multiplies v5 objectness into the class score', () => {
    const data = Float32Array.from([10, 10, 2, 2, 0.5, 0.9, 0.1]);
    const [box] = decodeYolo(data, [1, 1, 7], 2, 'v5', 0.3);
    expect(box?.classIndex).toBe(0);
    expect(box?.score).toBeCloseTo(0.45, 6);
    expect(decodeYolo(data, [1, 1, 7], 2, 'v5', 0.5)).toEqual([]);
  });
});
