import { BoxSchema, isMmskillsError, MmskillsError } from '@mmskills/core';
import type { DecodedImage } from '@mmskills/image';
import { defineTool, type ToolContext } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import { encodeLikeInput } from '../pipeline/encode-like-input.js';
import { fillHole } from '../pipeline/fill-hole.js';
import type { LamaModel } from '../pipeline/lama-model.js';
import type { Bounds } from '../pipeline/morphology.js';
import { addBoxes, emptyMask, maskFromPicture } from '../pipeline/removal-mask.js';

const PICTURE = 'a data: URI, a file path or file:// URI inside the allowed roots, or an allowed URL';

const RemovalBoxSchema = BoxSchema.refine(([x1, y1, x2, y2]) => x1 < x2 && y1 < y2, {
  message: 'a box needs x1 < x2 and y1 < y2',
});

export const RemoveObjectInputSchema = z
  .object({
    image: z.string().describe(`The picture to remove something from: ${PICTURE}`),
    mask: z
      .string()
      .optional()
      .describe(
        `What to remove, as a black-and-white picture (white = remove, black = keep) of the image's shape, any size, e.g. a mask segment_region returned: ${PICTURE}`,
      ),
    boxes: z
      .array(RemovalBoxSchema)
      .max(50)
      .optional()
      .describe('What to remove, as boxes; with a mask, both are removed'),
    dilate: z
      .number()
      .int()
      .min(0)
      .max(64)
      .default(10)
      .describe("Pixels to grow the mask by before filling, so the object's edges and shadow rim go too"),
    feather: z
      .number()
      .int()
      .min(0)
      .max(32)
      .default(3)
      .describe('Pixels of the grown rim over which the fill fades into the picture (0 = a hard edge)'),
  })
  .refine((input) => input.mask !== undefined || (input.boxes?.length ?? 0) > 0, {
    message: 'say what to remove: give a mask, or boxes, or both',
  });
export type RemoveObjectInput = z.infer<typeof RemoveObjectInputSchema>;

const Unit = z.number().min(0).max(1);

export const RemoveObjectOutputSchema = z.object({
  width: z.number().int().describe('Width of the input and the filled picture, in pixels'),
  height: z.number().int().describe('Height of the input and the filled picture, in pixels'),
  masked_pixels: z.number().int().describe('Pixels replaced by the fill: the mask and boxes after growing'),
  masked_fraction: Unit.describe('masked_pixels as a fraction of the picture (0..1, 4 decimals)'),
  box: BoxSchema.describe('The region that changed, [x1, y1, x2, y2] as fractions of the picture'),
  context_box: BoxSchema.describe('The region LaMa saw around it, [x1, y1, x2, y2] as fractions'),
  format: z.enum(['png', 'jpeg', 'webp']).describe('Format of the returned picture (the input’s, or PNG)'),
});
export type RemoveObjectOutput = z.infer<typeof RemoveObjectOutputSchema>;

/** A bad mask is named as the mask, not the image, in the message the caller reads. */
async function loadMask(context: ToolContext, mask: string): Promise<DecodedImage> {
  try {
    return await context.loadImage(mask);
  } catch (error) {
    if (isMmskillsError(error))
      throw new MmskillsError(error.code, `mask: ${error.message}`, { cause: error });
    throw error;
  }
}

const fraction = (value: number) => Math.round(value * 10_000) / 10_000;
const asBox = (bounds: Bounds, width: number, height: number): RemoveObjectOutput['box'] => [
  fraction(bounds.x1 / width),
  fraction(bounds.y1 / height),
  fraction(bounds.x2 / width),
  fraction(bounds.y2 / height),
];

/** The `remove_object` tool over the skill's LaMa. */
export function createRemoveObject(model: LamaModel) {
  return defineTool({
    name: 'remove_object',
    title: 'Remove object',
    description:
      'Removes what a mask or boxes mark from a picture and fills the hole with plausible background (LaMa ' +
      'inpainting). Pass the mask segment_region made for an object, or boxes. Returns the filled picture, ' +
      'same size and format; pixels outside the grown mask are unchanged.',
    input: RemoveObjectInputSchema,
    output: RemoveObjectOutputSchema,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    icons: icon('remove-object'),
    examples: [
      {
        request: 'Remove the car in the box I drew.',
        API_params: { image: 'image_1', boxes: [[0.42, 0.55, 0.78, 0.9]] },
        answer: 'Done: the boxed region ({masked_fraction} of the picture) is filled in.',
      },
      {
        request: 'Erase the object in this mask from the photo.',
        API_params: { image: 'image_1', mask: 'image_2' },
        answer: 'Removed {masked_pixels} pixels in {box} and filled them in.',
      },
    ],
    async run(input, context) {
      context.progress('loading LaMa');
      const lama = await model.get();
      const image = await context.loadImage(input.image);
      const hole = input.mask
        ? await maskFromPicture(await loadMask(context, input.mask), image.width, image.height)
        : emptyMask(image.width, image.height);
      addBoxes(hole, input.boxes ?? []);
      if (!hole.data.includes(1)) {
        throw new MmskillsError(
          'invalid_argument',
          'mask is empty: it has no white pixels, so there is nothing to remove (white marks what to remove)',
        );
      }
      const filled = await fillHole(image, hole, lama, {
        dilate: input.dilate,
        feather: input.feather,
        onStage: (stage) => context.progress(stage),
      });
      const picture = await encodeLikeInput({ ...image, data: filled.data }, image.format);
      const { width, height } = image;
      const output: RemoveObjectOutput = {
        width,
        height,
        masked_pixels: filled.changedPixels,
        masked_fraction: fraction(filled.changedPixels / (width * height)),
        box: asBox(filled.changed, width, height),
        context_box: asBox(filled.context, width, height),
        format:
          picture.mimeType === 'image/jpeg' ? 'jpeg' : picture.mimeType === 'image/webp' ? 'webp' : 'png',
      };
      const share = `${+(output.masked_fraction * 100).toFixed(2)}%`;
      const text =
        `Removed ${output.masked_pixels} pixels (${share} of ${width}×${height}) in [${output.box.join(', ')}], ` +
        `filled by LaMa from the region [${output.context_box.join(', ')}]; the picture is ${output.format}.`;
      return { structured: output, images: [picture], text };
    },
  });
}
