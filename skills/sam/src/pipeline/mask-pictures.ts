import {
  type BoxAnnotation,
  type DecodedImage,
  drawAnnotations,
  type KeypointAnnotation,
} from '@mmskills/image';
import type { ToolImage } from '@mmskills/skill-kit';
import sharp from 'sharp';

const png = (data: Buffer): ToolImage => ({ data, mimeType: 'image/png' });
// The overlay is for looking at: drawn at most this long, as the other skills draw theirs (the
// mask and the cut-out, which other tools take, stay at the image's size).
const OVERLAY_MAX_SIDE = 1280;

/**
 * The mask as a picture the image's size, white on black (grey PNG), and the cut-out: the image's
 * pixels under the mask on a transparent background (RGBA PNG), cropped to the mask's box.
 */
export async function maskAndCutout(
  image: DecodedImage,
  plane: Uint8Array,
  boxPixels: readonly [number, number, number, number],
): Promise<[ToolImage, ToolImage]> {
  const { width, height } = image;
  const alpha = Buffer.alloc(width * height);
  for (let i = 0; i < alpha.length; i += 1) if (plane[i]) alpha[i] = 255;
  const [x1, y1, x2, y2] = boxPixels;
  const [boxWidth, boxHeight] = [x2 - x1, y2 - y1];
  // sharp extracts from its input before joining channels, so the alpha is cropped here to match.
  const boxAlpha = Buffer.alloc(boxWidth * boxHeight);
  for (let y = 0; y < boxHeight; y += 1) {
    const from = (y1 + y) * width + x1;
    alpha.copy(boxAlpha, y * boxWidth, from, from + boxWidth);
  }
  const [mask, cutout] = await Promise.all([
    sharp(alpha, { raw: { width, height, channels: 1 } })
      .toColourspace('b-w')
      .png()
      .toBuffer(),
    sharp(image.data, { raw: { width, height, channels: 3 } })
      .extract({ left: x1, top: y1, width: boxWidth, height: boxHeight })
      .joinChannel(boxAlpha, { raw: { width: boxWidth, height: boxHeight, channels: 1 } })
      .png()
      .toBuffer(),
  ]);
  return [png(mask), png(cutout)];
}

/** What the overlay shows: each mask tinted with its box and score, and the prompts given. */
export interface OverlayMarks {
  masks: ReadonlyArray<{ picture: Buffer; box: readonly [number, number, number, number]; score: number }>;
  promptBoxes: ReadonlyArray<readonly [number, number, number, number]>;
  points: ReadonlyArray<{ x: number; y: number; label: 0 | 1 }>;
}

// Prompts in fixed colours, apart from the palette the masks take: a drawn box in white, points
// on the object in green, off it in red.
const PROMPT_COLOUR = 'white';
const POINT_COLOURS = { 1: 'lime', 0: 'red' } as const;

/**
 * The image with every mask tinted and boxed (captioned `mask N` and its score) and the prompts
 * marked, its longer side at most 1280.
 */
export async function overlay(image: DecodedImage, marks: OverlayMarks): Promise<ToolImage> {
  const boxes: BoxAnnotation[] = [
    ...marks.masks.map(({ box, score }, index) => ({ box, label: `mask ${index + 1}`, score })),
    ...marks.promptBoxes.map((box) => ({ box, color: PROMPT_COLOUR })),
  ];
  const keypoints: KeypointAnnotation[] = marks.points.map(({ x, y, label }) => ({
    x,
    y,
    color: POINT_COLOURS[label],
  }));
  // Each mask shrunk to the drawing's size as sharp reads it, so none is decoded at full size.
  const shrink = Math.min(1, OVERLAY_MAX_SIDE / Math.max(image.width, image.height));
  const size = {
    width: Math.max(1, Math.round(image.width * shrink)),
    height: Math.max(1, Math.round(image.height * shrink)),
  };
  const masks = await Promise.all(
    marks.masks.map(async ({ picture }) => {
      if (shrink === 1) return { mask: picture, opacity: 0.45 };
      const data = await sharp(picture)
        .resize(size.width, size.height, { fit: 'fill', kernel: 'linear' })
        .toColourspace('srgb')
        .removeAlpha()
        .raw()
        .toBuffer();
      return { mask: { data, ...size, format: 'png' }, opacity: 0.45 };
    }),
  );
  const drawn = await drawAnnotations(image, {
    masks,
    boxes,
    keypoints,
    maxSide: OVERLAY_MAX_SIDE,
  });
  return { data: drawn.data, mimeType: 'image/png' };
}
