import { BoxSchema, denormaliseBox, nms } from '@mmskills/core';
import { drawAnnotations } from '@mmskills/image';
import { defineTool } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import { DEFAULT_THRESHOLD, type Grounder } from '../pipeline/grounder.js';
import { MAX_PHRASE_CHARS, MAX_PHRASES, parsePhrases } from '../pipeline/query.js';

// Long side of the annotated picture, as detect and face draw theirs.
const MAX_SIDE = 1280;
// Boxes of one phrase overlapping more than this are one object: OWL scores each patch, and
// neighbouring patches often find the same thing.
const SAME_OBJECT_IOU = 0.5;

export const GroundObjectsInputSchema = z.object({
  image: z
    .string()
    .min(1)
    .describe(
      'The picture: a data: URI, a file path or file:// URI inside the allowed roots, or an mmskills:// image',
    ),
  query: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1).max(MAX_PHRASES)])
    .describe(
      `What to find, in words: one phrase ("red mug"), several separated by "." or "," as Grounding DINO takes them ("red mug. laptop"), or a list of phrases; at most ${MAX_PHRASES}, each up to ${MAX_PHRASE_CHARS} characters`,
    ),
  threshold: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('Lowest score (0..1) a box needs; default 0.1 for OWLv2 / OWL-ViT, 0.35 for Grounding DINO'),
  max_results: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .describe('At most this many boxes, best first (1..100)'),
});
export type GroundObjectsInput = z.infer<typeof GroundObjectsInputSchema>;

const Pixel = z.number().int().min(0);

export const GroundObjectsOutputSchema = z.object({
  objects: z
    .array(
      z.object({
        phrase: z.string().describe('The phrase of the query this box was found for'),
        box: BoxSchema,
        box_pixels: z
          .tuple([Pixel, Pixel, Pixel, Pixel])
          .describe('The same box in pixels of the image as given: [x1, y1, x2, y2]'),
        score: z.number().min(0).max(1).describe('How well the region matches the phrase (0..1), 3 decimals'),
      }),
    )
    .describe('Regions matching the query, highest score first; empty when nothing matched'),
  count: z.number().int().min(0).describe('How many boxes were returned'),
});
export type GroundObjectsOutput = z.infer<typeof GroundObjectsOutputSchema>;
type Found = GroundObjectsOutput['objects'][number];

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function describe(objects: readonly Found[], phrases: readonly string[], threshold: number): string {
  if (objects.length === 0)
    return `Nothing matched ${phrases.map((p) => `"${p}"`).join(', ')} with a score of at least ${threshold}.`;
  const list = objects.map((o) => `${o.phrase} ${o.score} [${o.box.join(', ')}]`).join('; ');
  return `${objects.length} found: ${list}`;
}

/** The `ground_objects` tool over a grounding model. */
export function groundObjectsTool(grounder: Grounder) {
  return defineTool({
    name: 'ground_objects',
    title: 'Find objects described in words',
    description:
      'Open-vocabulary grounding: finds the regions of a picture that match a text description ("the red mug", ' +
      '"dog. frisbee") and returns a box [x1, y1, x2, y2] as fractions of the image, the box in pixels, the phrase ' +
      'it matched and a score, plus the picture with the boxes drawn. Use it for things outside a fixed class list.',
    input: GroundObjectsInputSchema,
    output: GroundObjectsOutputSchema,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    icons: icon('ground'),
    examples: [
      {
        request: 'Find the red mug in this photo.',
        API_params: { image: 'image_1', query: 'red mug' },
        answer: 'Red mugs found: {count}; boxes: {objects[].box|none}.',
      },
      {
        request: 'Where are the dog and the frisbee?',
        API_params: { image: 'image_1', query: 'dog. frisbee' },
        answer: 'Found: {objects[].phrase|none} at {objects[].box|none}.',
      },
      {
        request: 'Is there a bicycle helmet anywhere in this picture? Only tell me if you are fairly sure.',
        API_params: { image: 'image_1', query: ['bicycle helmet'], threshold: 0.3, max_results: 3 },
        answer: 'Helmets found: {count} (scores {objects[].score|none}).',
      },
    ],
    async run(input, context) {
      const phrases = parsePhrases(input.query);
      context.progress('loading the grounding model');
      const { folder, model } = await grounder.load();
      const threshold = input.threshold ?? DEFAULT_THRESHOLD[folder.family];
      const image = await context.loadImage(input.image);
      context.signal.throwIfAborted();
      context.progress(`looking for ${phrases.join(', ')}`);
      const candidates = await model.find(image, phrases, threshold);
      const kept = nms(candidates, SAME_OBJECT_IOU, {
        maxResults: input.max_results,
        classOf: (c) => c.phrase,
      });
      const objects: Found[] = kept.map((candidate) => {
        const box = candidate.box.map((v) => round(v, 4)) as Found['box'];
        const pixels = denormaliseBox(candidate.box, image.width, image.height).map(
          Math.round,
        ) as Found['box_pixels'];
        return { phrase: candidate.phrase, box, box_pixels: pixels, score: round(candidate.score, 3) };
      });
      context.progress(`drawing ${objects.length === 1 ? '1 box' : `${objects.length} boxes`}`);
      const { data, mimeType } = await drawAnnotations(
        image,
        { boxes: objects.map((o) => ({ box: o.box, label: o.phrase, score: o.score })), maxSide: MAX_SIDE },
        'jpeg',
        85,
      );
      return {
        structured: { objects, count: objects.length },
        images: [{ data, mimeType }],
        text: describe(objects, phrases, threshold),
      };
    },
  });
}
