import { defineTool } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import { encodePicture } from '../pipeline/picture.js';
import { cutRegion } from '../pipeline/region.js';
import {
  checkZoomBox,
  planZoom,
  ZOOM_MAX_SCALE,
  ZOOM_MAX_SIDE,
  ZOOM_TARGET_SIDE,
} from '../pipeline/zoom-plan.js';
import { CutShape, ImageArgSchema, PictureSizeShape, PURE_TOOL, RegionSchema } from '../schemas.js';

export const ZoomInInputSchema = z.object({
  image: ImageArgSchema,
  box: RegionSchema.describe(
    'Region to look at closely, [x1, y1, x2, y2] as fractions (0..1) of the image, e.g. a box from detect_objects',
  ),
  padding: z
    .number()
    .min(0, 'padding is a fraction of the box size, from 0 to 1')
    .max(1, 'padding is a fraction of the box size, from 0 to 1')
    .default(0.1)
    .describe(
      'Context kept on every side as a fraction of the box size (default 0.1 = 10%); clamped to the image',
    ),
  target_side: z
    .number()
    .int('target_side is whole pixels')
    .min(64, `target_side is from 64 to ${ZOOM_MAX_SIDE} pixels`)
    .max(ZOOM_MAX_SIDE, `target_side is from 64 to ${ZOOM_MAX_SIDE} pixels`)
    .default(ZOOM_TARGET_SIDE)
    .describe(
      `Longer side to enlarge the region to, in pixels (64–${ZOOM_MAX_SIDE}, default ${ZOOM_TARGET_SIDE}); ` +
        `enlarged at most ${ZOOM_MAX_SCALE}×; a region already larger keeps its size, up to ${ZOOM_MAX_SIDE}`,
    ),
});

export const ZoomInOutputSchema = z.object({
  ...PictureSizeShape,
  ...CutShape,
  scale: z.number().describe('How much the region was enlarged: returned longer side / cropped longer side'),
});

/** `zoom_in`: crops a region and enlarges it, so a model can look at it as a new picture. */
export const zoomIn = defineTool({
  name: 'zoom_in',
  title: 'Zoom in',
  description:
    'Look closer at a small region of an image (small text, a distant object, a detail): crops [x1, y1, x2, y2] ' +
    `(fractions 0..1) with a margin and enlarges it (lanczos3) toward ${ZOOM_TARGET_SIDE} px on its longer side, ` +
    `at most ${ZOOM_MAX_SCALE}×. The zoomed region comes back as a new image you can look at.`,
  input: ZoomInInputSchema,
  output: ZoomInOutputSchema,
  annotations: PURE_TOOL,
  icons: icon('zoom-in'),
  examples: [
    {
      request: 'What does the small sign in the top-right corner say?',
      API_params: { image: 'image_1', box: [0.7, 0.05, 0.95, 0.2] },
      answer: 'Here is the sign enlarged {scale}× to {width}×{height} pixels; I can read it now.',
    },
    {
      request: 'Look more closely at the person in the distance.',
      API_params: { image: 'image_1', box: [0.45, 0.4, 0.52, 0.6], padding: 0.3 },
      answer: 'Zoomed in on pixels {box_pixels} of the original, enlarged {scale}×.',
    },
    {
      request: 'Zoom into the centre of the picture.',
      API_params: { image: 'image_1', box: [0.25, 0.25, 0.75, 0.75], padding: 0 },
      answer: 'Here is the centre, {width}×{height} pixels (region {box} of the original).',
    },
  ],
  async run({ image, box, padding, target_side }, context) {
    const decoded = await context.loadImage(image);
    checkZoomBox(box, decoded.width, decoded.height);
    const cut = cutRegion(decoded, box, padding);
    const size = planZoom(cut.rect, target_side);
    // fill: planZoom already kept the aspect ratio, so sharp must not round the other side again.
    const enlarged = cut.pipeline.resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' });
    const { image: zoomed, ...shape } = await encodePicture(enlarged, decoded.format);
    return {
      structured: { ...shape, box_pixels: cut.box_pixels, box: cut.box, scale: size.scale },
      images: [zoomed],
      text:
        `zoomed pixels [${cut.box_pixels.join(', ')}] of ${decoded.width}×${decoded.height} ` +
        `(${cut.rect.width}×${cut.rect.height}) ${size.scale}× to ${shape.width}×${shape.height}`,
    };
  },
});
