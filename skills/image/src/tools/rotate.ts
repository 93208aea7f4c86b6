import { parseColour } from '@mmskills/core';
import { defineTool } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import { encodePicture, fromDecoded } from '../pipeline/picture.js';
import { ColourSchema, ImageArgSchema, PictureSizeShape, PURE_TOOL } from '../schemas.js';

export const RotateInputSchema = z.object({
  image: ImageArgSchema,
  degrees: z
    .number()
    .min(-36_000)
    .max(36_000)
    .describe('Angle clockwise in degrees (negative = anticlockwise); 90, 180 and 270 are exact'),
  background: ColourSchema.default('#000000').describe(
    'Fill for the corners a non-right-angle rotation uncovers: #rgb, #rrggbb or a colour name (default black)',
  ),
});

export const RotateOutputSchema = z.object({
  ...PictureSizeShape,
  degrees: z.number().describe('The clockwise angle applied, normalised to 0 ≤ degrees < 360'),
});

/** `rotate`: turns an image clockwise by any angle; right angles are lossless. */
export const rotate = defineTool({
  name: 'rotate',
  title: 'Rotate image',
  description:
    'Rotates an image clockwise by any angle (90/180/270 exactly; other angles grow the canvas and fill the corners).',
  input: RotateInputSchema,
  output: RotateOutputSchema,
  annotations: PURE_TOOL,
  icons: icon('rotate'),
  examples: [
    {
      request: 'Rotate this image 90 degrees clockwise.',
      API_params: { image: 'image_1', degrees: 90 },
      answer: 'Rotated by {degrees}° clockwise; it is now {width}×{height}.',
    },
    {
      request: 'Turn the picture upside down.',
      API_params: { image: 'image_1', degrees: 180 },
      answer: 'Turned by {degrees}°; here it is, {width}×{height}.',
    },
    {
      request: 'Rotate it 45 degrees anticlockwise on a white background.',
      API_params: { image: 'image_1', degrees: -45, background: 'white' },
      answer: 'Rotated to {degrees}° clockwise (45° anticlockwise); the canvas grew to {width}×{height}.',
    },
  ],
  async run({ image, degrees, background }, context) {
    const decoded = await context.loadImage(image);
    const angle = Math.round((((degrees % 360) + 360) % 360) * 1000) / 1000;
    const [r, g, b] = parseColour(background) ?? [0, 0, 0];
    const pipeline =
      angle === 0 || angle === 360
        ? fromDecoded(decoded)
        : fromDecoded(decoded).rotate(angle, {
            background: { r, g, b },
          });
    const picture = await encodePicture(pipeline, decoded.format);
    const applied = angle === 360 ? 0 : angle;
    return {
      structured: { width: picture.width, height: picture.height, degrees: applied },
      images: [picture.image],
      text: `rotated ${decoded.width}×${decoded.height} by ${applied}° clockwise to ${picture.width}×${picture.height}`,
    };
  },
});
