import { defineTool } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import { encodePicture, fromDecoded } from '../pipeline/picture.js';
import { MAX_SIDE, planResize } from '../pipeline/resize-plan.js';
import { ImageArgSchema, PictureSizeShape, PURE_TOOL } from '../schemas.js';

const Side = z
  .number()
  .int('sizes are whole pixels')
  .min(1, 'sizes are at least 1 pixel')
  .max(MAX_SIDE, `sizes are at most ${MAX_SIDE} pixels per side`);

export const ResizeInputSchema = z
  .object({
    image: ImageArgSchema,
    width: Side.optional().describe(
      'Target width in pixels (1–8192); alone, the height follows the aspect ratio',
    ),
    height: Side.optional().describe(
      'Target height in pixels (1–8192); alone, the width follows the aspect ratio',
    ),
    fit: z
      .enum(['contain', 'cover', 'fill', 'inside'])
      .default('inside')
      .describe(
        'With both sides given: inside = keep aspect, fit within (default); contain = keep aspect, pad with black ' +
          'to exactly width×height; cover = keep aspect, crop the overflow (centred); fill = stretch',
      ),
  })
  .refine((input) => input.width !== undefined || input.height !== undefined, {
    message: 'give width, height or both',
    path: ['width'],
  });

export const ResizeOutputSchema = z.object({
  ...PictureSizeShape,
  original_width: z.number().int().describe('Width of the input (after EXIF orientation)'),
  original_height: z.number().int().describe('Height of the input (after EXIF orientation)'),
});

/** `resize`: scales an image to a width and/or height. */
export const resize = defineTool({
  name: 'resize',
  title: 'Resize image',
  description:
    'Scales an image to a width and/or height (at most 8192 pixels per side) with a fit mode, and returns it.',
  input: ResizeInputSchema,
  output: ResizeOutputSchema,
  annotations: PURE_TOOL,
  icons: icon('resize'),
  examples: [
    {
      request: 'Make this image 256 pixels wide.',
      API_params: { image: 'image_1', width: 256 },
      answer: 'Resized from {original_width}×{original_height} to {width}×{height}.',
    },
    {
      request: 'Make a 128×128 thumbnail, cropping what does not fit.',
      API_params: { image: 'image_1', width: 128, height: 128, fit: 'cover' },
      answer: 'Here is a {width}×{height} thumbnail of the {original_width}×{original_height} image.',
    },
    {
      request: 'Shrink it to 300 pixels tall.',
      API_params: { image: 'image_1', height: 300 },
      answer: 'Resized to {width}×{height}.',
    },
  ],
  async run({ image, width, height, fit }, context) {
    const decoded = await context.loadImage(image);
    const size = planResize(decoded, { width, height }, fit);
    const pipeline = fromDecoded(decoded).resize({
      width: size.width,
      height: size.height,
      fit: fit === 'inside' ? 'fill' : fit,
      background: { r: 0, g: 0, b: 0 },
      kernel: 'lanczos3',
    });
    const picture = await encodePicture(pipeline, decoded.format);
    return {
      structured: {
        width: picture.width,
        height: picture.height,
        original_width: decoded.width,
        original_height: decoded.height,
      },
      images: [picture.image],
      text: `resized ${decoded.width}×${decoded.height} to ${picture.width}×${picture.height} (${fit})`,
    };
  },
});
