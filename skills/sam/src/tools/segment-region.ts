import { defineTool, type ToolImage } from '@mmskills/skill-kit';
import { icon } from '../icons.js';
import { maskAndCutout, overlay } from '../pipeline/mask-pictures.js';
import { maskRegion } from '../pipeline/mask-region.js';
import { predictMasks } from '../pipeline/predict-masks.js';
import { toPrompts } from '../pipeline/prompts.js';
import type { SamModelSlot } from '../pipeline/sam-model.js';
import {
  SegmentRegionInputSchema,
  type SegmentRegionOutput,
  SegmentRegionOutputSchema,
} from './segment-region-schema.js';

const round = (value: number, digits: number) => Number(value.toFixed(digits));
type Mask = SegmentRegionOutput['masks'][number];

const describeMask = (mask: Mask, index: number) =>
  `mask ${index + 1} (prompt ${mask.prompt}) score ${mask.score} box [${mask.box.join(', ')}] ` +
  `${mask.area} px (${(mask.area_fraction * 100).toFixed(1)}%)`;

/** The `segment_region` tool over the skill's model slot. */
export function createSegmentRegion(slot: SamModelSlot) {
  return defineTool({
    name: 'segment_region',
    title: 'Segment a region',
    description:
      'Segment Anything: cuts out the object inside a box or under points. Give boxes (one object each; a box the ' +
      'user drew, "Input box: [x1, y1, x2, y2]" in the request, is a box prompt) and/or points labelled 1 (on the ' +
      'object) or 0 (not on it). Returns per mask its box, area and score, and as pictures, in order: for each ' +
      'mask a mask image (white on black, the image size; pass it as an inpaint tool’s mask) and a cut-out on a ' +
      'transparent background, then the image with every mask drawn.',
    input: SegmentRegionInputSchema,
    output: SegmentRegionOutputSchema,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    icons: icon('sam'),
    examples: [
      {
        request: 'Cut out the thing I boxed. Input box: [0.2, 0.3, 0.6, 0.8]',
        API_params: { image: 'image_1', boxes: [[0.2, 0.3, 0.6, 0.8]] },
        answer:
          'Here is the cut-out, the second new image; the object covers {masks[].area_fraction|none} of the picture.',
      },
      {
        request: 'Segment the object at the centre of the picture.',
        API_params: { image: 'image_1', points: [{ x: 0.5, y: 0.5, label: 1 }] },
        answer: 'The object’s mask is the first new image; its box is {masks[].box|none}.',
      },
      {
        request:
          'Make a mask of the dog in this box, but not the person beside it. Input box: [0.1, 0.2, 0.7, 0.9]',
        API_params: {
          image: 'image_1',
          boxes: [[0.1, 0.2, 0.7, 0.9]],
          points: [{ x: 0.6, y: 0.4, label: 0 }],
        },
        answer: 'The mask is the first new image: {masks[].area|none} pixels inside {masks[].box|none}.',
      },
    ],
    async run(input, context) {
      const image = await context.loadImage(input.image);
      // Only the first call waits here long enough for a heartbeat to say so.
      context.progress('loading the segmentation model');
      const sam = await slot.get();
      const { width, height } = image;
      const prompts = toPrompts(input, width, height);
      const predicted = await predictMasks(sam, image, prompts, {
        multimask: input.multimask,
        onStage: (stage) => context.progress(stage),
      });
      context.progress('making the mask pictures');
      const masks: Mask[] = [];
      const images: ToolImage[] = [];
      let empty = 0;
      for (const { prompt, score, plane } of predicted) {
        const { area, boxPixels } = maskRegion(plane, width, height);
        if (!boxPixels) {
          empty += 1;
          continue;
        }
        const [x1, y1, x2, y2] = boxPixels;
        masks.push({
          prompt,
          box: [round(x1 / width, 4), round(y1 / height, 4), round(x2 / width, 4), round(y2 / height, 4)],
          box_pixels: boxPixels,
          area,
          area_fraction: round(area / (width * height), 4),
          score: round(score, 3),
        });
        images.push(...(await maskAndCutout(image, plane, boxPixels)));
      }
      images.push(
        await overlay(image, {
          masks: masks.map((mask, index) => ({
            picture: images[index * 2]?.data ?? Buffer.alloc(0),
            box: mask.box,
            score: mask.score,
          })),
          promptBoxes: input.boxes ?? [],
          points: input.points ?? [],
        }),
      );
      const emptyNote = empty === 0 ? '' : `; ${empty} prompt mask${empty === 1 ? ' was' : 's were'} empty`;
      const text =
        masks.length === 0
          ? `No region found for the prompts${emptyNote}.`
          : `${masks.length} mask${masks.length === 1 ? '' : 's'} of ${width}×${height}: ${masks.map(describeMask).join('; ')}${emptyNote}; pictures: mask and cut-out per mask, then the overlay`;
      return { structured: { masks, count: masks.length, width, height }, images, text };
    },
  });
}
