import { BoxSchema } from '@mmskills/core';
import { drawAnnotations } from '@mmskills/image';
import { defineTool } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import type { Florence } from '../pipeline/florence.js';
import { tagsFromDetections } from '../pipeline/tags.js';
import { ImageArgSchema, MaxTokensSchema } from './arguments.js';

// Long side of the annotated picture, as the detect skill draws its own.
const MAX_SIDE = 1280;

export const TagImageInputSchema = z.object({
  image: ImageArgSchema,
  max_tags: z
    .number()
    .int()
    .min(1)
    .max(50)
    .default(10)
    .describe('Report at most this many tags, those with the most boxes first (1..50, default 10)'),
  max_tokens: MaxTokensSchema.describe(
    'Stop the model after this many tokens (1..1024, default 256); each box takes about 5 tokens',
  ),
});
export type TagImageInput = z.infer<typeof TagImageInputSchema>;

export const TagImageOutputSchema = z.object({
  tags: z
    .array(
      z.object({
        tag: z.string().describe('An object name as the model wrote it, lowercased, e.g. "car"'),
        score: z
          .number()
          .min(0)
          .max(1)
          .describe(
            'This tag’s share of all boxes the model drew (count / boxes), 3 decimals; not a confidence',
          ),
        count: z.number().int().min(1).describe('How many boxes carry this tag'),
        boxes: z.array(BoxSchema).describe('Where each one is'),
      }),
    )
    .describe('Tags, most boxes first'),
  boxes: z.number().int().min(0).describe('How many boxes the model drew in all'),
  truncated: z.boolean().describe('True when the answer hit max_tokens, so objects may be missing'),
});
export type TagImageOutput = z.infer<typeof TagImageOutputSchema>;

/** `tag_image`: tags from Florence-2's object detection (`<OD>`), with their boxes drawn. */
export function tagImageTool(florence: Florence) {
  return defineTool({
    name: 'tag_image',
    title: 'Tag image',
    description:
      'Lists the things a picture shows as tags (Florence-2 object detection), each with how many boxes carry it, ' +
      'its share of all boxes as score, and boxes [x1, y1, x2, y2] as fractions of the image; returns the picture with the boxes drawn.',
    input: TagImageInputSchema,
    output: TagImageOutputSchema,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    icons: icon('caption'),
    examples: [
      {
        request: 'Give me some tags for this photo.',
        API_params: { image: 'image_1' },
        answer: 'Tags: {tags[].tag|none}.',
      },
      {
        request: 'What are the three main things in this picture?',
        API_params: { image: 'image_1', max_tags: 3 },
        answer: 'Main things: {tags[].tag|none} (boxes each: {tags[].count|none}).',
      },
    ],
    async run({ image, max_tags, max_tokens }, context) {
      const decoded = await context.loadImage(image);
      context.signal.throwIfAborted();
      context.progress('finding objects');
      const generation = await florence.generate('<OD>', decoded, max_tokens);
      const detections = await florence.detections(generation.text);
      const { tags, boxes } = tagsFromDetections(detections.labels, detections.boxes, max_tags);
      const output: TagImageOutput = { tags, boxes, truncated: !generation.finished };
      const marks = tags.flatMap(({ tag, boxes: where }) => where.map((box) => ({ box, label: tag })));
      const { data, mimeType } = await drawAnnotations(
        decoded,
        { boxes: marks, maxSide: MAX_SIDE },
        'jpeg',
        85,
      );
      const listed = tags.map(({ tag, count }) => (count > 1 ? `${tag} ×${count}` : tag)).join(', ');
      const note = output.truncated ? ` (answer cut at ${max_tokens} tokens)` : '';
      return {
        structured: output,
        images: [{ data, mimeType }],
        text: tags.length > 0 ? `Tags: ${listed}${note}` : `No objects found${note}.`,
      };
    },
  });
}
