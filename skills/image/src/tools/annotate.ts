import { MmskillsError } from '@mmskills/core';
import { drawAnnotations } from '@mmskills/image';
import { defineTool } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import { ColourSchema, ImageArgSchema, PictureSizeShape, PURE_TOOL, RegionSchema } from '../schemas.js';

const UNIT_MESSAGE = 'keypoint coordinates are fractions of the image size, from 0 to 1';
const Unit = z.number().min(0, UNIT_MESSAGE).max(1, UNIT_MESSAGE);

const BoxMarkSchema = z.object({
  box: RegionSchema,
  label: z.string().max(200).optional().describe('Caption drawn above the box, e.g. the class name'),
  score: z.number().optional().describe('Confidence shown after the label with 2 decimals'),
  color: ColourSchema.optional().describe('Outline colour; by default one palette colour per label'),
});

const KeypointSchema = z.object({
  x: Unit.describe('Horizontal position as a fraction (0..1) of the image width'),
  y: Unit.describe('Vertical position as a fraction (0..1) of the image height'),
  name: z.string().max(100).optional().describe('Keypoint name, e.g. left_wrist (not drawn)'),
  score: z.number().optional().describe('Confidence; points under min_score are not drawn'),
});

const MaskMarkSchema = z.object({
  mask: z.string().min(1).describe('A mask picture (white = inside), e.g. the mask segment_people returns'),
  color: ColourSchema.optional().describe('Tint colour; by default the palette colour of its position'),
  opacity: z.number().min(0).max(1).default(0.5).describe('Tint strength where the mask is white, 0..1'),
});

export const AnnotateInputSchema = z.object({
  image: ImageArgSchema,
  boxes: z
    .array(BoxMarkSchema)
    .max(1000)
    .default([])
    .describe('Boxes to outline: detect_objects `objects` or detect_faces `faces` can be passed as they are'),
  keypoints: z
    .array(KeypointSchema)
    .max(2000)
    .default([])
    .describe('Points to mark, e.g. the `keypoints` of one detect_pose person (or several, concatenated)'),
  skeleton: z
    .union([
      z.literal('coco'),
      z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).max(4000),
    ])
    .optional()
    .describe(
      'Lines between keypoints: pairs [i, j] of indices into keypoints, or "coco" for the 17-point COCO ' +
        'skeleton (applied to every run of 17 keypoints)',
    ),
  keypoint_color: ColourSchema.default('lime').describe('Colour of keypoints and skeleton lines'),
  min_score: z.number().min(0).max(1).default(0).describe('Keypoints with a lower score are left out'),
  masks: z
    .array(MaskMarkSchema)
    .max(16)
    .default([])
    .describe('Masks to tint the image with, drawn under boxes and keypoints'),
});
export type AnnotateInput = z.infer<typeof AnnotateInputSchema>;

export const AnnotateOutputSchema = z.object({
  ...PictureSizeShape,
  boxes: z.number().int().describe('Boxes drawn'),
  keypoints: z.number().int().describe('Keypoints drawn (those at or over min_score)'),
  lines: z.number().int().describe('Skeleton lines drawn'),
  masks: z.number().int().describe('Masks drawn'),
});

/** `annotate`: draws boxes, keypoints with a skeleton, and tinted masks onto an image. */
export const annotate = defineTool({
  name: 'annotate',
  title: 'Annotate image',
  description:
    'Draws boxes with labels, keypoints with skeleton lines and tinted masks onto an image, e.g. to show other tools’ results.',
  input: AnnotateInputSchema,
  output: AnnotateOutputSchema,
  annotations: PURE_TOOL,
  icons: icon('annotate'),
  examples: [
    {
      request: 'Draw a red box labelled "area" around the top-left quarter.',
      API_params: { image: 'image_1', boxes: [{ box: [0, 0, 0.5, 0.5], label: 'area', color: 'red' }] },
      answer: 'Boxes drawn: {boxes}, on the {width}×{height} image.',
    },
    {
      request: 'Mark the centre of the image with a point.',
      API_params: { image: 'image_1', keypoints: [{ x: 0.5, y: 0.5 }] },
      answer: 'Points marked: {keypoints}.',
    },
    {
      request: 'Outline the left and right halves in different colours.',
      API_params: {
        image: 'image_1',
        boxes: [
          { box: [0, 0, 0.5, 1], label: 'left', color: 'blue' },
          { box: [0.5, 0, 1, 1], label: 'right', color: 'yellow' },
        ],
      },
      answer: 'I drew {boxes} boxes on the {width}×{height} image.',
    },
  ],
  async run(input, context) {
    const decoded = await context.loadImage(input.image);
    const masks = [];
    for (const [index, mark] of input.masks.entries()) {
      const mask = await context.loadImage(mark.mask).catch((error: unknown) => {
        if (!(error instanceof MmskillsError)) throw error;
        throw new MmskillsError(error.code, `masks[${index}].mask: ${error.message}`, { cause: error });
      });
      masks.push({ ...mark, mask });
    }
    const jpeg = decoded.format === 'jpeg';
    const { data, mimeType, width, height, drawn } = await drawAnnotations(
      decoded,
      {
        boxes: input.boxes,
        keypoints: input.keypoints,
        ...(input.skeleton && { skeleton: input.skeleton }),
        keypointColor: input.keypoint_color,
        minScore: input.min_score,
        masks,
      },
      jpeg ? 'jpeg' : 'png',
      90,
    );
    return {
      structured: { width, height, ...drawn },
      images: [{ data, mimeType }],
      text:
        `annotated ${width}×${height}: ${drawn.boxes} boxes, ${drawn.keypoints} keypoints, ` +
        `${drawn.lines} lines, ${drawn.masks} masks`,
    };
  },
});
