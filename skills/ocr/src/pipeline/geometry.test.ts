import { describe, expect, it } from 'vitest';
import {
  convexHull,
  growRect,
  insideQuad,
  minAreaRect,
  type Point,
  type Quad,
  quadBounds,
  quadSides,
  rectCorners,
} from './geometry.js';

function rotatedRectanglePoints(cx: number, cy: number, w: number, h: number, degrees: number): Point[] {
  const a = (degrees * Math.PI) / 180;
  const points: Point[] = [];
  for (let u = -w / 2; u <= w / 2; u += 2) {
    for (let v = -h / 2; v <= h / 2; v += 2) {
      points.push([cx + u * Math.cos(a) - v * Math.sin(a), cy + u * Math.sin(a) + v * Math.cos(a)]);
    }
  }
  return points;
}

describe('convexHull', () => {
  it('keeps the corners and drops inner and collinear points', () => {
    const hull = convexHull([
      [0, 0],
      [2, 0],
      [4, 0],
      [4, 3],
      [0, 3],
      [2, 1],
    ]);
    expect(hull).toHaveLength(4);
    expect(hull).toEqual(
      expect.arrayContaining([
        [0, 0],
        [4, 0],
        [4, 3],
        [0, 3],
      ]),
    );
  });
});

describe('minAreaRect', () => {
  it('finds a 30° rectangle exactly', () => {
    const rect = minAreaRect(rotatedRectanglePoints(50, 40, 100, 20, 30));
    expect(rect.cx).toBeCloseTo(50, 6);
    expect(rect.cy).toBeCloseTo(40, 6);
    expect([rect.width, rect.height].sort((a, b) => a - b)).toEqual([
      expect.closeTo(20, 6),
      expect.closeTo(100, 6),
    ]);
  });

  it('gives a zero-height rectangle for collinear points', () => {
    const rect = minAreaRect([
      [0, 0],
      [5, 0],
      [10, 0],
    ]);
    expect(Math.min(rect.width, rect.height)).toBe(0);
  });
});

describe('rectCorners', () => {
  it('orders corners top-left, top-right, bottom-right, bottom-left', () => {
    const corners = rectCorners(growRect(minAreaRect(rotatedRectanglePoints(50, 40, 100, 20, 0)), 1));
    expect(corners.map(([x, y]) => [Math.round(x), Math.round(y)])).toEqual([
      [-1, 29],
      [101, 29],
      [101, 51],
      [-1, 51],
    ]);
    expect(quadBounds(corners).map(Math.round)).toEqual([-1, 29, 101, 51]);
  });

  it('keeps the upper corner of each side first for a tilted box', () => {
    const [tl, tr, br, bl] = rectCorners(minAreaRect(rotatedRectanglePoints(0, 0, 100, 20, 10)));
    expect(tl[0]).toBeLessThan(tr[0]);
    expect(tl[1]).toBeLessThan(bl[1]);
    expect(tr[1]).toBeLessThan(br[1]);
  });
});

describe('insideQuad', () => {
  const square = rectCorners(
    minAreaRect([
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
    ]),
  );

  it('counts the inside and the edges, not the outside', () => {
    expect(insideQuad(square, [5, 5])).toBe(true);
    expect(insideQuad(square, [10, 5])).toBe(true);
    expect(insideQuad(square, [11, 5])).toBe(false);
  });
});

describe('quadSides', () => {
  const rect = (width: number, height: number, degrees: number) => {
    const a = (degrees * Math.PI) / 180;
    const u: Point = [Math.cos(a), Math.sin(a)];
    const v: Point = [-Math.sin(a), Math.cos(a)];
    return rectCorners({ cx: 100, cy: 100, u, v, width, height });
  };

  it('gives the length along the text and the thickness across it, whichever way it runs', () => {
    const close = (quad: Quad) => quadSides(quad).map((side) => Math.round(side * 1e6) / 1e6);
    expect(close(rect(200, 20, 0))).toEqual([200, 20]);
    expect(close(rect(30, 300, 0))).toEqual([300, 30]);
    expect(close(rect(200, 24, 3))).toEqual([200, 24]);
  });
});
