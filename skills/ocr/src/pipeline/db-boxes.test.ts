import { describe, expect, it } from 'vitest';
import { boxesFromProbabilityMap } from './db-boxes.js';
import { quadBounds } from './geometry.js';

function map(width: number, height: number, regions: Array<[number, number, number, number, number]>) {
  const prob = new Float32Array(width * height);
  for (const [x0, y0, x1, y1, p] of regions) {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) prob[y * width + x] = p;
  }
  return prob;
}

describe('boxesFromProbabilityMap', () => {
  it('grows each confident text kernel by the unclip offset', () => {
    // A 61 × 11 kernel (pixel centres 60 × 10 apart): offset = 600 × 1.5 / 140 ≈ 6.43 px.
    const boxes = boxesFromProbabilityMap(map(120, 60, [[20, 20, 81, 31, 0.9]]), 120, 60);
    expect(boxes).toHaveLength(1);
    const [x1, y1, x2, y2] = quadBounds(
      boxes[0]?.quad ?? [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    );
    const offset = (600 * 1.5) / 140;
    expect([x1, y1, x2, y2]).toEqual([
      expect.closeTo(20 - offset, 6),
      expect.closeTo(20 - offset, 6),
      expect.closeTo(80 + offset, 6),
      expect.closeTo(30 + offset, 6),
    ]);
    expect(boxes[0]?.score).toBeCloseTo(0.9, 6);
  });

  it('drops regions under the box threshold and thin ones, and keeps components apart', () => {
    const prob = map(200, 60, [
      [10, 10, 60, 20, 0.5],
      [10, 40, 60, 42, 0.95],
      [100, 10, 150, 22, 0.8],
      [100, 40, 150, 52, 0.8],
    ]);
    const boxes = boxesFromProbabilityMap(prob, 200, 60);
    expect(boxes).toHaveLength(2);
    for (const box of boxes) expect(quadBounds(box.quad)[0]).toBeGreaterThan(90);
  });
});
