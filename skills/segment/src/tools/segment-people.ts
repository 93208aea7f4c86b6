import { defineTool } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import type { MatteModel } from '../pipeline/matte-model.js';
import { maskPictures, personMask } from '../pipeline/person-mask.js';
import { runMatte } from '../pipeline/run-matte.js';

export const SegmentPeopleInputSchema = z.object({
  image: z
    .string()
    .min(1, 'image is empty; pass a data: URI, a file path or an http(s) URL')
    .describe(
      'The image: a data: URI, a file path or file:// URI inside the allowed roots, or an http(s) URL where the server allows URLs',
    ),
  threshold: z
    .number()
    .min(0.01, 'threshold is a person probability above 0')
    .max(1, 'threshold is a person probability of at most 1')
    .default(0.5)
    .describe('Person probability at or above which a pixel counts as person (0.01–1, default 0.5)'),
});

export const SegmentPeopleOutputSchema = z.object({
  coverage: z.number().min(0).max(1).describe('Fraction of the image’s pixels that are person (0..1)'),
  box: z
    .tuple([z.number(), z.number(), z.number(), z.number()])
    .nullable()
    .describe('Bounding box of all person pixels, [x1, y1, x2, y2] as fractions 0..1; null when no person'),
  width: z.number().int().describe('Width of the image, the mask and the cut-out in pixels'),
  height: z.number().int().describe('Height of the image, the mask and the cut-out in pixels'),
});

/** `segment_people`: a person mask and a transparent cut-out for one image. */
export function segmentPeopleTool(model: () => Promise<MatteModel>) {
  return defineTool({
    name: 'segment_people',
    title: 'Segment people',
    description:
      'Separates people from the background: returns a mask picture (white = person) and a cut-out with a transparent background.',
    input: SegmentPeopleInputSchema,
    output: SegmentPeopleOutputSchema,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    icons: icon('segment'),
    examples: [
      {
        request: 'Separate the person from the background.',
        API_params: { image: 'image_1' },
        answer:
          'Done: the mask and the cut-out are the new images. People cover a fraction {coverage} of the picture, inside the box {box|(no person found)}.',
      },
      {
        request: 'Cut out the person in this photo.',
        API_params: { image: 'image_1' },
        answer: 'Here is the cut-out, the second new image; the person box is {box|(no person found)}.',
      },
      {
        request: 'How much of the image is covered by people?',
        API_params: { image: 'image_1', threshold: 0.6 },
        answer: 'People cover a fraction {coverage} of the {width}×{height} image.',
      },
    ],
    async run({ image, threshold }, context) {
      const decoded = await context.loadImage(image);
      // Only the first call waits here long enough for a heartbeat to say so.
      context.progress('loading the segmentation model');
      const loaded = await model();
      context.progress('separating people from the background');
      const matte = await runMatte(loaded, decoded);
      const mask = personMask(matte, decoded, threshold);
      const { coverage, box, width, height } = mask;
      context.progress('making the mask and the cut-out');
      const images = await maskPictures(decoded, mask);
      const where = box === null ? 'no person found' : `person box [${box.join(', ')}]`;
      return {
        structured: { coverage, box, width, height },
        images,
        text: `${(coverage * 100).toFixed(1)}% of ${width}×${height} is person; ${where}; pictures: mask, cut-out`,
      };
    },
  });
}
