/** A point in pixels, x to the right and y down. */
export type Point = readonly [number, number];

/** A text box's corners in reading orientation: top-left, top-right, bottom-right, bottom-left. */
export type Quad = readonly [Point, Point, Point, Point];

/** A rotated rectangle: centre, unit vectors along its width (`u`) and height (`v`), and its size. */
export interface RotatedRect {
  cx: number;
  cy: number;
  u: Point;
  v: Point;
  width: number;
  height: number;
}

function cross(o: Point, a: Point, b: Point): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** Convex hull by Andrew's monotone chain, counter-clockwise in y-down pixels, no collinear points. */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length < 3) return sorted;
  const lower: Point[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower.at(-2) as Point, lower.at(-1) as Point, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (const p of sorted.reverse()) {
    while (upper.length >= 2 && cross(upper.at(-2) as Point, upper.at(-1) as Point, p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/**
 * The rectangle of least area around a point set (rotating calipers: one side of the best
 * rectangle lies on a hull edge), as OpenCV's `minAreaRect` finds it.
 */
export function minAreaRect(points: readonly Point[]): RotatedRect {
  const hull = convexHull(points);
  let best: RotatedRect | undefined;
  let bestArea = Number.POSITIVE_INFINITY;
  const edges = hull.length >= 2 ? hull.length : 1;
  for (let i = 0; i < edges; i++) {
    const a = hull[i] ?? [0, 0];
    const b = hull[(i + 1) % hull.length] ?? a;
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const u: Point = length > 0 ? [(b[0] - a[0]) / length, (b[1] - a[1]) / length] : [1, 0];
    const v: Point = [-u[1], u[0]];
    let minU = Number.POSITIVE_INFINITY;
    let maxU = Number.NEGATIVE_INFINITY;
    let minV = Number.POSITIVE_INFINITY;
    let maxV = Number.NEGATIVE_INFINITY;
    for (const p of hull) {
      const pu = p[0] * u[0] + p[1] * u[1];
      const pv = p[0] * v[0] + p[1] * v[1];
      minU = Math.min(minU, pu);
      maxU = Math.max(maxU, pu);
      minV = Math.min(minV, pv);
      maxV = Math.max(maxV, pv);
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      const mu = (minU + maxU) / 2;
      const mv = (minV + maxV) / 2;
      best = {
        cx: mu * u[0] + mv * v[0],
        cy: mu * u[1] + mv * v[1],
        u,
        v,
        width: maxU - minU,
        height: maxV - minV,
      };
    }
  }
  return best ?? { cx: 0, cy: 0, u: [1, 0], v: [0, 1], width: 0, height: 0 };
}

/** The same rectangle grown by `distance` on every side. */
export function growRect(rect: RotatedRect, distance: number): RotatedRect {
  return { ...rect, width: rect.width + 2 * distance, height: rect.height + 2 * distance };
}

/**
 * A rectangle's corners ordered as PaddleOCR's `get_mini_boxes` orders them: of the two leftmost
 * corners the upper is top-left, of the two rightmost the upper is top-right.
 */
export function rectCorners(rect: RotatedRect): Quad {
  const { cx, cy, u, v } = rect;
  const hw = rect.width / 2;
  const hh = rect.height / 2;
  const corners: Point[] = [
    [cx - u[0] * hw - v[0] * hh, cy - u[1] * hw - v[1] * hh],
    [cx + u[0] * hw - v[0] * hh, cy + u[1] * hw - v[1] * hh],
    [cx + u[0] * hw + v[0] * hh, cy + u[1] * hw + v[1] * hh],
    [cx - u[0] * hw + v[0] * hh, cy - u[1] * hw + v[1] * hh],
  ];
  corners.sort((a, b) => a[0] - b[0]);
  const [l1, l2, r1, r2] = corners as [Point, Point, Point, Point];
  const [tl, bl] = l1[1] <= l2[1] ? [l1, l2] : [l2, l1];
  const [tr, br] = r1[1] <= r2[1] ? [r1, r2] : [r2, r1];
  return [tl, tr, br, bl];
}

/** Whether `p` lies inside or on a convex quadrilateral (either winding). */
export function insideQuad(quad: Quad, p: Point): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const c = cross(quad[i] as Point, quad[(i + 1) % 4] as Point, p);
    if (c === 0) continue;
    if (sign === 0) sign = Math.sign(c);
    else if (Math.sign(c) !== sign) return false;
  }
  return true;
}

/** Axis-aligned bounds `[x1, y1, x2, y2]` of a quad. */
export function quadBounds(quad: Quad): [number, number, number, number] {
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** A text box's length along its text and its thickness across it: its longer and shorter sides. */
export function quadSides(quad: Quad): [number, number] {
  const [tl, tr, br, bl] = quad;
  const distance = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  const width = Math.max(distance(tl, tr), distance(bl, br));
  const height = Math.max(distance(tl, bl), distance(tr, br));
  return [Math.max(width, height), Math.min(width, height)];
}
