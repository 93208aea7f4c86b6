import { COLOUR_NAMES, parseColour } from '@mmskills/core';
import { z } from 'zod';

/** An image argument, read by the server under its source policy and limits. */
export const ImageArgSchema = z
  .string()
  .min(1, 'image is empty; pass a data: URI, a file path or an http(s) URL')
  .describe(
    'The image: a data: URI, a file path or file:// URI inside the allowed roots, or an http(s) URL where the server allows URLs',
  );

const UNIT_MESSAGE = 'box coordinates are fractions of the image size, from 0 to 1';
const Unit = z.number().min(0, UNIT_MESSAGE).max(1, UNIT_MESSAGE);

/** A region `[x1, y1, x2, y2]` normalised to 0..1, with a positive width and height. */
export const RegionSchema = z
  .tuple([Unit, Unit, Unit, Unit])
  .refine(([x1, , x2]) => x2 > x1, 'box has no width: x2 must be greater than x1')
  .refine(([, y1, , y2]) => y2 > y1, 'box has no height: y2 must be greater than y1')
  .describe(
    '[x1, y1, x2, y2]: top-left and bottom-right corners as fractions (0..1) of image width and height',
  );
export type Region = z.infer<typeof RegionSchema>;

/** A colour as `#rgb`, `#rrggbb` or a common name. */
export const ColourSchema = z
  .string()
  .refine(
    (text) => parseColour(text) !== undefined,
    `colour must be #rgb, #rrggbb or one of: ${COLOUR_NAMES.join(', ')}`,
  )
  .describe(`#rgb, #rrggbb or one of: ${COLOUR_NAMES.join(', ')}`);

/** The size of the picture a tool returns. */
export const PictureSizeShape = {
  width: z.number().int().describe('Width of the returned picture in pixels'),
  height: z.number().int().describe('Height of the returned picture in pixels'),
};

/** Where a cut region lies in the input (see pipeline/region.ts): what `crop` and `zoom_in` report. */
export const CutShape = {
  box_pixels: z
    .tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()])
    .describe('The cropped region in pixels of the input, [left, top, right, bottom), padding included'),
  box: z
    .tuple([z.number(), z.number(), z.number(), z.number()])
    .describe('The cropped region normalised to the input, padding included; maps crop results back'),
};

/** Every tool here reads its input and returns a new picture; nothing outside changes. */
export const PURE_TOOL = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
} as const;
