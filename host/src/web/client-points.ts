import { COCO_KEYPOINTS, COCO_SKELETON } from '@mmskills/core';

/**
 * Browser code (served inside `/web/app.js`): the points of a tool's output drawn over the
 * picture, as SVG in percent of the picture so they follow it when the page is resized: each
 * person's pose keypoints (`people[].keypoints`, joined by the COCO skeleton) and each face's
 * landmarks (`faces[].landmarks`). Points are `x`, `y` fractions of the image.
 */
export const POINTS_JS = `
const COCO_NAMES = ${JSON.stringify(COCO_KEYPOINTS)};
const COCO_LIMBS = ${JSON.stringify(COCO_SKELETON)};
// The pose skill's own default: below it a keypoint is a guess (skills/pose detect_pose min_score).
const POSE_MIN_SCORE = 0.3;
const SVG_NS = 'http://www.w3.org/2000/svg';

function isPoint(point) {
  return (
    point &&
    typeof point.x === 'number' &&
    typeof point.y === 'number' &&
    point.x >= 0 &&
    point.x <= 1 &&
    point.y >= 0 &&
    point.y <= 1
  );
}

function pointsIn(output, minScore = POSE_MIN_SCORE) {
  const found = [];
  if (!output || typeof output !== 'object') return found;
  const people = Array.isArray(output.people) ? output.people : [];
  people.forEach((person, index) => {
    const keypoints = person && Array.isArray(person.keypoints) ? person.keypoints : [];
    const sure = (k) => isPoint(k) && (typeof k.score !== 'number' || k.score >= minScore);
    const points = keypoints.filter(sure).map((k) => ({ name: String(k.name ?? ''), x: k.x, y: k.y }));
    if (points.length === 0) return;
    // Limbs only where the keypoints are the 17 COCO ones in COCO order, as the contract says.
    const coco = keypoints.length === 17 && keypoints.every((k, i) => k && k.name === COCO_NAMES[i]);
    const lines = coco
      ? COCO_LIMBS.filter(([a, b]) => sure(keypoints[a]) && sure(keypoints[b])).map(([a, b]) => [
          keypoints[a],
          keypoints[b],
        ])
      : [];
    found.push({ kind: 'pose', label: 'person ' + (index + 1), points, lines });
  });
  const faces = Array.isArray(output.faces) ? output.faces : [];
  faces.forEach((face, index) => {
    const marks = face && Array.isArray(face.landmarks) ? face.landmarks.filter(isPoint) : [];
    if (marks.length === 0) return;
    const points = marks.map((m) => ({ name: String(m.name ?? ''), x: m.x, y: m.y }));
    found.push({ kind: 'landmarks', label: 'face ' + (index + 1), points, lines: [] });
  });
  return found;
}

function percent(v) {
  return Math.round(v * 100000) / 1000 + '%';
}

function svgEl(tag, attributes) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

function drawPoints(frame, set) {
  const svg = svgEl('svg', { class: 'points ' + set.kind, role: 'img', 'data-label': set.label });
  const what = set.kind === 'pose' ? ' keypoints' : ' landmarks';
  svg.setAttribute('aria-label', set.label + ': ' + set.points.length + what);
  for (const [a, b] of set.lines) {
    svg.append(svgEl('line', { x1: percent(a.x), y1: percent(a.y), x2: percent(b.x), y2: percent(b.y) }));
  }
  for (const point of set.points) {
    const dot = svgEl('circle', { cx: percent(point.x), cy: percent(point.y), r: 3.5, 'data-name': point.name });
    dot.append(svgEl('title', {}));
    dot.lastChild.textContent = point.name;
    svg.append(dot);
  }
  frame.append(svg);
  return svg;
}
`;
