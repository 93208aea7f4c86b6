import { BoxSchema } from '@mmskills/core';
import { drawAnnotations } from '@mmskills/image';
import { defineTool } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import type { Detector } from '../pipeline/detector.js';
import { classIndices, describeObjects, selectObjects } from '../pipeline/select-objects.js';

// Long side of the annotated picture, as the face and pose skills draw theirs: enough to see the
// boxes, small enough for a model's context; drawn at full size, a 40 MP photo would take the
// overlay, a copy and the JPEG encoder's buffers at 40 MP too (0.6 GB more than a small photo).
const MAX_SIDE = 1280;

export const DetectObjectsInputSchema = z.object({
  image: z
    .string()
    .min(1)
    .describe('The photo: a data: URI, or a file path / file:// URI inside the allowed roots'),
  labels: z
    .array(z.string().min(1))
    .min(1)
    .max(100)
    .optional()
    .describe(
      'Only report these classes, e.g. ["person", "cup"] (COCO names for the default model: person, bicycle, car, …); all classes when omitted',
    ),
  min_score: z
    .number()
    .min(0)
    .max(1)
    .default(0.3)
    .describe('Drop objects whose confidence is below this (0..1, default 0.3)'),
  max_results: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .describe('Report at most this many objects, best first (1..100, default 20)'),
});
export type DetectObjectsInput = z.infer<typeof DetectObjectsInputSchema>;

export const DetectObjectsOutputSchema = z.object({
  objects: z
    .array(
      z.object({
        label: z.string().describe('Class name, e.g. "cat"'),
        score: z.number().min(0).max(1).describe('Confidence 0..1, 3 decimals'),
        box: BoxSchema,
      }),
    )
    .describe('Detected objects, highest score first'),
});
export type DetectObjectsOutput = z.infer<typeof DetectObjectsOutputSchema>;

/** The `detect_objects` tool on a given detector. */
export function detectObjectsTool(detector: Detector) {
  return defineTool({
    name: 'detect_objects',
    title: 'Detect objects',
    description:
      'Finds objects in a photo (the 80 COCO classes by default: person, car, cat, cup, …) and returns ' +
      'their labels, scores and boxes [x1, y1, x2, y2] as fractions of the image, plus the photo with the boxes drawn. ' +
      'Use labels to look for particular classes only.',
    input: DetectObjectsInputSchema,
    output: DetectObjectsOutputSchema,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    icons: icon('detect'),
    examples: [
      {
        request: 'What objects are in this photo?',
        API_params: { image: 'image_1' },
        answer: 'Objects found: {objects.length} ({objects[].label|none}).',
      },
      {
        request: 'Is there a cat in this picture?',
        API_params: { image: 'image_1', labels: ['cat'] },
        answer: 'Cats found: {objects.length}; boxes: {objects[].box|none}.',
      },
      {
        request: 'How many people are in this photo?',
        API_params: { image: 'image_1', labels: ['person'] },
        answer: 'People detected: {objects.length}.',
      },
      {
        request: 'List the objects you are at least 60% sure of, at most five.',
        API_params: { image: 'image_1', min_score: 0.6, max_results: 5 },
        answer:
          'Objects with a score of at least 0.6: {objects[].label|none} (scores {objects[].score|none}).',
      },
    ],
    async run({ image, labels, min_score, max_results }, context) {
      // The labels come with the model: only the first call waits here long enough to hear it.
      context.progress('loading the detection model');
      const names = await detector.labels();
      const classes = labels === undefined ? undefined : classIndices(labels, names);
      const decoded = await context.loadImage(image);
      context.signal.throwIfAborted();
      context.progress('finding objects');
      const candidates = await detector.detect(decoded, min_score);
      const objects = selectObjects(candidates, names, {
        maxResults: max_results,
        ...(classes && { classes }),
      });
      context.progress(`drawing ${objects.length === 1 ? '1 box' : `${objects.length} boxes`}`);
      const { data, mimeType } = await drawAnnotations(
        decoded,
        { boxes: objects, maxSide: MAX_SIDE },
        'jpeg',
        85,
      );
      return {
        structured: { objects },
        images: [{ data, mimeType }],
        text: describeObjects(objects, min_score),
      };
    },
  });
}
