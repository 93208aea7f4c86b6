import { BoxSchema } from '@mmskills/core';
import { z } from 'zod';

const Unit = z.number().min(0).max(1);

const PromptBoxSchema = z
  .tuple([Unit, Unit, Unit, Unit])
  .refine(([x1, y1, x2, y2]) => x2 > x1 && y2 > y1, 'a box needs x2 > x1 and y2 > y1')
  .describe(
    '[x1, y1, x2, y2]: top-left and bottom-right corners as fractions (0..1) of image width and height',
  );

export const SegmentRegionInputSchema = z
  .object({
    image: z
      .string()
      .min(1, 'image is empty; pass a data: URI, a file path or an http(s) URL')
      .describe(
        'The image: a data: URI, a file path or file:// URI inside the allowed roots, or an http(s) URL where the server allows URLs',
      ),
    boxes: z
      .array(PromptBoxSchema)
      .max(16)
      .optional()
      .describe(
        'Box prompts, one object each (at most 16): a box the user drew ("Input box: [...]" in the request) or one another tool found',
      ),
    points: z
      .array(
        z.object({
          x: Unit.describe('Horizontal position as a fraction of the image width'),
          y: Unit.describe('Vertical position as a fraction of the image height'),
          label: z
            .union([z.literal(1), z.literal(0)])
            .default(1)
            .describe('1: the point is on the object (foreground); 0: it is not (background)'),
        }),
      )
      .max(32)
      .optional()
      .describe(
        'Point prompts (at most 32): with no box they outline one object together; with boxes they refine every box',
      ),
    multimask: z
      .boolean()
      .default(false)
      .describe('Return all three candidate masks per prompt (best first) instead of only the best one'),
  })
  .refine((input) => (input.boxes?.length ?? 0) + (input.points?.length ?? 0) > 0, {
    message: 'give at least one box or point to say which region to segment',
    path: ['boxes'],
  });
export type SegmentRegionInput = z.infer<typeof SegmentRegionInputSchema>;

export const SegmentRegionOutputSchema = z.object({
  masks: z
    .array(
      z.object({
        prompt: z
          .number()
          .int()
          .min(0)
          .describe('Which prompt this mask answers: the index of its box, or 0 for the points alone'),
        box: BoxSchema.describe("The mask's bounding box, [x1, y1, x2, y2] as fractions (0..1) of the image"),
        box_pixels: z
          .tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()])
          .describe("The mask's bounding box in pixels, [x1, y1, x2, y2], x2 and y2 exclusive"),
        area: z.number().int().min(1).describe('Pixels inside the mask'),
        area_fraction: Unit.describe('Fraction of the image the mask covers (0..1)'),
        score: z.number().describe('The model’s predicted IoU of the mask, its own estimate of its quality'),
      }),
    )
    .describe(
      'Masks found, in prompt order (best first within a prompt); a prompt that gave an empty mask has none',
    ),
  count: z.number().int().min(0).describe('How many masks there are'),
  width: z.number().int().describe('Width of the image and of each mask picture in pixels'),
  height: z.number().int().describe('Height of the image and of each mask picture in pixels'),
});
export type SegmentRegionOutput = z.infer<typeof SegmentRegionOutputSchema>;
