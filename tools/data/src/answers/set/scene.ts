import type { Random } from '../../prng.js';

/** The colours shapes are drawn in, far apart so that no one could name them differently. */
export const SHAPE_COLOURS = {
  red: [220, 40, 40],
  green: [40, 170, 70],
  blue: [40, 90, 220],
  yellow: [240, 200, 30],
  purple: [140, 60, 190],
  orange: [245, 140, 30],
} as const satisfies Record<string, readonly [number, number, number]>;
export type ShapeColour = keyof typeof SHAPE_COLOURS;
export const COLOUR_NAMES = Object.keys(SHAPE_COLOURS) as ShapeColour[];

export const SHAPE_KINDS = ['circle', 'square', 'triangle'] as const;
export type ShapeKind = (typeof SHAPE_KINDS)[number];

/** A filled shape inside its pixel bounding box (a circle's, a square's, an upright triangle's). */
export interface Shape {
  kind: ShapeKind;
  colour: ShapeColour;
  x: number;
  y: number;
  size: number;
}

export const SCENE = { width: 800, height: 600 } as const;
const MARGIN = 30;
// Shapes keep this far apart, so each is one blob when its pixels are counted.
const GAP = 24;

const overlaps = (a: Shape, b: Shape) =>
  a.x < b.x + b.size + GAP &&
  b.x < a.x + a.size + GAP &&
  a.y < b.y + b.size + GAP &&
  b.y < a.y + a.size + GAP;

/**
 * Places shapes of the given kinds and colours at random where none overlaps another (sizes 70–120
 * px on an 800 × 600 canvas).
 * @throws {RangeError} when the canvas has no room left, which the generator's small scenes never meet.
 */
export function placeShapes(random: Random, wanted: ReadonlyArray<Pick<Shape, 'kind' | 'colour'>>): Shape[] {
  const placed: Shape[] = [];
  for (const { kind, colour } of wanted) {
    let shape: Shape | undefined;
    for (let attempt = 0; attempt < 500 && !shape; attempt += 1) {
      const size = 70 + random.below(51);
      const candidate = {
        kind,
        colour,
        size,
        x: MARGIN + random.below(SCENE.width - 2 * MARGIN - size),
        y: MARGIN + random.below(SCENE.height - 2 * MARGIN - size),
      };
      if (!placed.some((other) => overlaps(candidate, other))) shape = candidate;
    }
    if (!shape) throw new RangeError(`no room for a ${colour} ${kind} among ${placed.length} shapes`);
    placed.push(shape);
  }
  return placed;
}

function shapeSvg(shape: Shape): string {
  const [r, g, b] = SHAPE_COLOURS[shape.colour];
  const fill = `fill="rgb(${r},${g},${b})"`;
  const { x, y, size } = shape;
  if (shape.kind === 'circle')
    return `<circle cx="${x + size / 2}" cy="${y + size / 2}" r="${size / 2}" ${fill}/>`;
  if (shape.kind === 'square') return `<rect x="${x}" y="${y}" width="${size}" height="${size}" ${fill}/>`;
  return `<polygon points="${x + size / 2},${y} ${x + size},${y + size} ${x},${y + size}" ${fill}/>`;
}

/** The scene as SVG: white ground, the shapes. */
export function sceneSvg(shapes: readonly Shape[]): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SCENE.width}" height="${SCENE.height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>${shapes.map(shapeSvg).join('')}</svg>`
  );
}

/** A shape's box as fractions of the scene, 3 decimals: what a `box` item expects. */
export function shapeBox(shape: Shape): [number, number, number, number] {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return [
    round(shape.x / SCENE.width),
    round(shape.y / SCENE.height),
    round((shape.x + shape.size) / SCENE.width),
    round((shape.y + shape.size) / SCENE.height),
  ];
}
