import { defineTool } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import { ImageArgSchema, PURE_TOOL } from '../schemas.js';

export const ImageInfoInputSchema = z.object({ image: ImageArgSchema });

export const ImageInfoOutputSchema = z.object({
  width: z.number().int().describe('Width in pixels after EXIF orientation, as every box refers to it'),
  height: z.number().int().describe('Height in pixels after EXIF orientation'),
  format: z.string().describe('Container format: jpeg, png, webp, gif, tiff, heif or avif'),
  channels: z.number().int().describe('Channels stored in the file: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA'),
  has_alpha: z.boolean().describe('Whether the file stores an alpha (transparency) channel'),
  orientation: z
    .number()
    .int()
    .min(1)
    .max(8)
    .describe('EXIF orientation 1–8 (1 = upright; 6 = stored rotated, shown turned 90° clockwise)'),
  bytes: z.number().int().describe('Size of the encoded file in bytes'),
});
export type ImageInfoOutput = z.infer<typeof ImageInfoOutputSchema>;

/** `image_info`: size, format and header facts of an image, no picture back. */
export const imageInfo = defineTool({
  name: 'image_info',
  title: 'Image info',
  description:
    'Reports an image’s width and height (after EXIF orientation), format, channels, alpha, EXIF orientation and file size.',
  input: ImageInfoInputSchema,
  output: ImageInfoOutputSchema,
  annotations: PURE_TOOL,
  icons: icon('image-info'),
  examples: [
    {
      request: 'How big is this image?',
      API_params: { image: 'image_1' },
      answer: 'It is {width}×{height} pixels ({format}).',
    },
    {
      request: 'Does this image have a transparent background?',
      API_params: { image: 'image_1' },
      answer: 'Alpha channel: {has_alpha} ({channels} channels).',
    },
    {
      request: 'What file format is this picture, and how large is the file?',
      API_params: { image: 'image_1' },
      answer: 'It is a {format} file of {bytes} bytes.',
    },
  ],
  async run({ image }, context) {
    const decoded = await context.loadImage(image);
    const source = decoded.source ?? { bytes: 0, channels: 3, hasAlpha: false, orientation: 1 };
    const info: ImageInfoOutput = {
      width: decoded.width,
      height: decoded.height,
      format: decoded.format,
      channels: source.channels,
      has_alpha: source.hasAlpha,
      orientation: Math.min(8, Math.max(1, source.orientation)),
      bytes: source.bytes,
    };
    const alpha = info.has_alpha ? 'with alpha' : 'no alpha';
    return {
      structured: info,
      text:
        `${info.width}×${info.height} ${info.format}, ${info.channels} channels, ${alpha}, ` +
        `EXIF orientation ${info.orientation}, ${info.bytes} bytes`,
    };
  },
});
