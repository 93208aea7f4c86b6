import { defineTool } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import { encodePicture } from '../pipeline/picture.js';
import { cutRegion } from '../pipeline/region.js';
import { CutShape, ImageArgSchema, PictureSizeShape, PURE_TOOL, RegionSchema } from '../schemas.js';

export const CropInputSchema = z.object({
  image: ImageArgSchema,
  box: RegionSchema.describe(
    'Region to keep, [x1, y1, x2, y2] as fractions (0..1) of the image, e.g. a box from detect_objects',
  ),
  padding: z
    .number()
    .min(0)
    .max(10)
    .default(0)
    .describe('Extra margin on every side as a fraction of the box size (0.1 = 10%); clamped to the image'),
});

export const CropOutputSchema = z.object({ ...PictureSizeShape, ...CutShape });

/** `crop`: cuts a normalised box (plus optional padding) out of an image. */
export const crop = defineTool({
  name: 'crop',
  title: 'Crop image',
  description:
    'Cuts a region [x1, y1, x2, y2] (fractions 0..1) out of an image, optionally padded, and returns the cropped picture.',
  input: CropInputSchema,
  output: CropOutputSchema,
  annotations: PURE_TOOL,
  icons: icon('crop'),
  examples: [
    {
      request: 'Crop the top-left quarter of the image.',
      API_params: { image: 'image_1', box: [0, 0, 0.5, 0.5] },
      answer: 'Here is the crop, {width}×{height} pixels (pixels {box_pixels} of the original).',
    },
    {
      request: 'Cut out the centre of the picture.',
      API_params: { image: 'image_1', box: [0.25, 0.25, 0.75, 0.75] },
      answer: 'Here is the centre, {width}×{height} pixels.',
    },
    {
      request: 'Crop the bottom half with a small margin.',
      API_params: { image: 'image_1', box: [0, 0.5, 1, 1], padding: 0.05 },
      answer: 'Here is the bottom half with a margin: {width}×{height} pixels, region {box} of the original.',
    },
  ],
  async run({ image, box, padding }, context) {
    const decoded = await context.loadImage(image);
    const cut = cutRegion(decoded, box, padding);
    const picture = await encodePicture(cut.pipeline, decoded.format);
    return {
      structured: { width: picture.width, height: picture.height, box_pixels: cut.box_pixels, box: cut.box },
      images: [picture.image],
      text: `cropped ${picture.width}×${picture.height} from pixels [${cut.box_pixels.join(', ')}] of ${decoded.width}×${decoded.height}`,
    };
  },
});
