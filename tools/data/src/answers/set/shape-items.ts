import type { Random } from '../../prng.js';
import type { AnswerItemInput } from '../item.js';
import {
  COLOUR_NAMES,
  placeShapes,
  SCENE,
  SHAPE_KINDS,
  type Shape,
  type ShapeColour,
  type ShapeKind,
  sceneSvg,
  shapeBox,
} from './scene.js';

/** An item of the made set and the picture it asks about, as SVG to render. */
export interface DrawnItem {
  item: AnswerItemInput & { image: string };
  svg: string;
}

const otherKinds = (kind: ShapeKind) => SHAPE_KINDS.filter((other) => other !== kind);
const otherColours = (colour: ShapeColour) => COLOUR_NAMES.filter((other) => other !== colour);

/** "How many circles?" or "How many red shapes?": 1–5 of the thing asked about among 2–4 others. */
export function countItem(random: Random, n: number): DrawnItem {
  const count = 1 + random.below(5);
  const byKind = n % 2 === 0;
  const kind = random.pick(SHAPE_KINDS);
  const colour = random.pick(COLOUR_NAMES);
  const wanted = Array.from({ length: count }, () =>
    byKind ? { kind, colour: random.pick(COLOUR_NAMES) } : { kind: random.pick(SHAPE_KINDS), colour },
  );
  const others = Array.from({ length: 2 + random.below(3) }, () =>
    byKind
      ? { kind: random.pick(otherKinds(kind)), colour: random.pick(COLOUR_NAMES) }
      : { kind: random.pick(SHAPE_KINDS), colour: random.pick(otherColours(colour)) },
  );
  const shapes = placeShapes(random, random.shuffle([...wanted, ...others]));
  const id = `count-${n + 1}`;
  return {
    item: {
      id,
      image: `${id}.png`,
      question: byKind
        ? `How many ${kind}s are in this picture?`
        : `How many ${colour} shapes are in this picture?`,
      answer: { kind: 'number', value: count },
      category: 'count',
    },
    svg: sceneSvg(shapes),
  };
}

/** Three shapes of different kinds and colours; the colour of one, as free text or out of four. */
export function colourItem(random: Random, n: number): DrawnItem {
  const colours = random.shuffle(COLOUR_NAMES).slice(0, 3);
  const kinds = random.shuffle(SHAPE_KINDS);
  const shapes = placeShapes(
    random,
    kinds.map((kind, index) => ({ kind, colour: colours[index] as ShapeColour })),
  );
  const asked = random.pick(shapes);
  const id = `colour-${n + 1}`;
  const base = { id, image: `${id}.png`, category: 'colour' };
  if (n % 2 === 0) {
    return {
      item: {
        ...base,
        question: `What colour is the ${asked.kind}?`,
        answer: { kind: 'text', value: asked.colour },
      },
      svg: sceneSvg(shapes),
    };
  }
  const distractors = random.shuffle(otherColours(asked.colour)).slice(0, 3);
  const options = random.shuffle([asked.colour, ...distractors]);
  const letters = options.map((option, index) => `(${String.fromCharCode(65 + index)}) ${option}`).join(' ');
  return {
    item: {
      ...base,
      question: `What colour is the ${asked.kind}? ${letters}\nAnswer with the option's letter.`,
      answer: { kind: 'choice', options, correct: String.fromCharCode(65 + options.indexOf(asked.colour)) },
    },
    svg: sceneSvg(shapes),
  };
}

const RELATIONS = ['left of it', 'right of it', 'above it', 'below it'] as const;

/** Two shapes set clearly apart on one axis: where the first is compared with the second. */
export function positionItem(random: Random, n: number): DrawnItem {
  const relation = n % 4;
  const [kindA, kindB] = random.shuffle(SHAPE_KINDS) as [ShapeKind, ShapeKind];
  const [colourA, colourB] = random.shuffle(COLOUR_NAMES) as [ShapeColour, ShapeColour];
  const size = 90 + random.below(30);
  // The near end of each axis and the far end, with the other axis varying by at most 60 px.
  const near = 40 + random.below(120);
  const far = (relation < 2 ? SCENE.width : SCENE.height) - size - 40 - random.below(120);
  const cross = (relation < 2 ? SCENE.height : SCENE.width) / 2 - size / 2;
  const [first, second] = relation % 2 === 0 ? [near, far] : [far, near];
  const at = (main: number, jitter: number) =>
    relation < 2 ? { x: main, y: cross + jitter } : { x: cross + jitter, y: main };
  const a: Shape = { kind: kindA, colour: colourA, size, ...at(first, random.below(61) - 30) };
  const b: Shape = { kind: kindB, colour: colourB, size, ...at(second, random.below(61) - 30) };
  const id = `position-${n + 1}`;
  const letters = RELATIONS.map((option, index) => `(${String.fromCharCode(65 + index)}) ${option}`).join(
    ' ',
  );
  return {
    item: {
      id,
      image: `${id}.png`,
      question: `Where is the ${colourA} ${kindA} compared with the ${colourB} ${kindB}? ${letters}\nAnswer with the option's letter.`,
      answer: { kind: 'choice', options: [...RELATIONS], correct: String.fromCharCode(65 + relation) },
      category: 'position',
    },
    svg: sceneSvg([a, b]),
  };
}

/** Three shapes; the bounding box of one, as fractions of the picture. */
export function boxItem(random: Random, n: number): DrawnItem {
  const colours = random.shuffle(COLOUR_NAMES).slice(0, 3);
  const shapes = placeShapes(
    random,
    random.shuffle(SHAPE_KINDS).map((kind, index) => ({ kind, colour: colours[index] as ShapeColour })),
  );
  const asked = random.pick(shapes);
  const id = `box-${n + 1}`;
  return {
    item: {
      id,
      image: `${id}.png`,
      question: `Where is the ${asked.colour} ${asked.kind}? Give its bounding box as [x1, y1, x2, y2], fractions (0 to 1) of the picture's width and height.`,
      answer: { kind: 'box', box: shapeBox(asked) },
      // Open-vocabulary grounding is the tool for "where is the <phrase>".
      expectedTools: ['ground_objects'],
      category: 'position',
    },
    svg: sceneSvg(shapes),
  };
}
