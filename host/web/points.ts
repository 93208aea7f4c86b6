import { COCO_KEYPOINTS, COCO_SKELETON } from '@mmskills/core/skeleton';

// The points of a tool's output drawn over the picture, as SVG in percent of the picture so they
// follow it when the page resizes: each person's pose keypoints (`people[].keypoints`, joined by
// the COCO skeleton) and each face's landmarks (`faces[].landmarks`). Points are x, y fractions.

// The pose skill's own default: below it a keypoint is a guess (skills/pose detect_pose min_score).
const POSE_MIN_SCORE = 0.3;
const SVG_NS = 'http://www.w3.org/2000/svg';

interface RawPoint {
  name?: unknown;
  x: number;
  y: number;
  score?: unknown;
}
export interface Point {
  name: string;
  x: number;
  y: number;
}
export interface PointSet {
  kind: 'pose' | 'landmarks';
  label: string;
  points: Point[];
  lines: Array<[RawPoint, RawPoint]>;
}

function isPoint(point: unknown): point is RawPoint {
  const p = point as RawPoint | null;
  return (
    !!p && typeof p.x === 'number' && typeof p.y === 'number' && p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1
  );
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asPoint = (p: RawPoint): Point => ({ name: String(p.name ?? ''), x: p.x, y: p.y });

/** The pose keypoints (at or above `minScore`) and face landmarks of a tool's output. */
export function pointsIn(output: unknown, minScore = POSE_MIN_SCORE): PointSet[] {
  const found: PointSet[] = [];
  if (!output || typeof output !== 'object') return found;
  const fields = output as Record<string, unknown>;
  listOf(fields.people).forEach((person, index) => {
    const keypoints = listOf((person as { keypoints?: unknown } | null)?.keypoints);
    const sure = (k: unknown): k is RawPoint =>
      isPoint(k) && (typeof k.score !== 'number' || k.score >= minScore);
    const points = keypoints.filter(sure).map(asPoint);
    if (points.length === 0) return;
    // Limbs only where the keypoints are the 17 COCO ones in COCO order, as the contract says.
    const coco =
      keypoints.length === 17 &&
      keypoints.every((k, i) => (k as { name?: unknown } | null)?.name === COCO_KEYPOINTS[i]);
    const lines = coco
      ? COCO_SKELETON.flatMap(([a, b]): Array<[RawPoint, RawPoint]> => {
          const from = keypoints[a];
          const to = keypoints[b];
          return sure(from) && sure(to) ? [[from, to]] : [];
        })
      : [];
    found.push({ kind: 'pose', label: `person ${index + 1}`, points, lines });
  });
  listOf(fields.faces).forEach((face, index) => {
    const marks = listOf((face as { landmarks?: unknown } | null)?.landmarks).filter(isPoint);
    if (marks.length === 0) return;
    found.push({ kind: 'landmarks', label: `face ${index + 1}`, points: marks.map(asPoint), lines: [] });
  });
  return found;
}

const percent = (v: number) => `${Math.round(v * 100000) / 1000}%`;

function svgElement(tag: string, attributes: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** One set of points (and its limbs) over `frame`'s picture. */
export function drawPoints(frame: HTMLElement, set: PointSet): SVGElement {
  const svg = svgElement('svg', { class: `points ${set.kind}`, role: 'img', 'data-label': set.label });
  const what = set.kind === 'pose' ? ' keypoints' : ' landmarks';
  svg.setAttribute('aria-label', `${set.label}: ${set.points.length}${what}`);
  for (const [a, b] of set.lines) {
    svg.append(
      svgElement('line', { x1: percent(a.x), y1: percent(a.y), x2: percent(b.x), y2: percent(b.y) }),
    );
  }
  for (const point of set.points) {
    const dot = svgElement('circle', {
      cx: percent(point.x),
      cy: percent(point.y),
      r: 3.5,
      'data-name': point.name,
    });
    const title = svgElement('title', {});
    title.textContent = point.name;
    dot.append(title);
    svg.append(dot);
  }
  frame.append(svg);
  return svg;
}
