import type { AnyBox } from '@mmskills/core';
import { type Colour, paletteColour, type Rgb, type Skeleton, skeletonEdges, toRgb } from '@mmskills/core';
import sharp from 'sharp';
import { type DecodedImage, decodeImage } from './decode.js';
import type { EncodedImage, ImageFormat } from './encode.js';
import { type BoxMark, overlaySvg, type PointMark } from './overlay-svg.js';

/** A box to outline; its caption is `label` then `score` with 2 decimals. */
export interface BoxAnnotation {
  /** `[x1, y1, x2, y2]` as fractions (0..1) of the image. */
  box: AnyBox;
  label?: string;
  score?: number;
  /** Default: one palette colour per label (per box when unlabelled), in order of appearance. */
  color?: Colour;
}

/** A point to mark, at fractions (0..1) of the image. */
export interface KeypointAnnotation {
  x: number;
  y: number;
  /** Points under {@link Annotations.minScore} are not drawn, nor are lines to them. */
  score?: number;
  color?: Colour;
}

/** A mask (white = inside) to tint the image with; stretched to the image when its size differs. */
export interface MaskAnnotation {
  /** Decoded pixels, or encoded image bytes. */
  mask: DecodedImage | Buffer;
  /** Default: the palette colour of the mask's position. */
  color?: Colour;
  /** Tint strength where the mask is white, 0..1 (default 0.5). */
  opacity?: number;
}

/** What {@link drawAnnotations} draws, bottom to top: masks, boxes, skeleton lines, keypoints. */
export interface Annotations {
  boxes?: readonly BoxAnnotation[];
  keypoints?: readonly KeypointAnnotation[];
  /** Lines between keypoints by index (an edge may carry its own colour), or `coco` per run of 17. */
  skeleton?: Skeleton;
  /** Colour of keypoints and lines without their own (default lime). */
  keypointColor?: Colour;
  minScore?: number;
  masks?: readonly MaskAnnotation[];
  /** Shrink the picture so its longer side is at most this many pixels. */
  maxSide?: number;
}

/** The encoded picture, its size and how many of each mark it shows. */
export interface AnnotatedImage extends EncodedImage {
  width: number;
  height: number;
  drawn: { boxes: number; keypoints: number; lines: number; masks: number };
}

const LIME: Rgb = [210, 245, 60];

function boxMarks(boxes: readonly BoxAnnotation[]): BoxMark[] {
  const byLabel = new Map<string, Rgb>();
  return boxes.map((mark, index) => {
    const key = mark.label ?? `#${index}`;
    const colour = mark.color ? toRgb(mark.color) : (byLabel.get(key) ?? paletteColour(byLabel.size));
    if (!byLabel.has(key)) byLabel.set(key, colour);
    const score = mark.score === undefined ? '' : mark.score.toFixed(2);
    const caption = [mark.label ?? '', score].filter((part) => part !== '').join(' ');
    return { box: mark.box, colour, ...(caption ? { caption } : {}) };
  });
}

// Only tinting writes into the pixels; without masks the caller's buffer is read as it is, as a
// copy would cost another 3 bytes a pixel (114 MiB at the 40 MP limit).
async function pixelsOf(image: DecodedImage | Buffer, maxSide: number | undefined, writable: boolean) {
  const decoded = Buffer.isBuffer(image) ? await decodeImage(image) : image;
  const { width, height } = decoded;
  const shrink = Math.min(1, (maxSide ?? Number.POSITIVE_INFINITY) / Math.max(width, height));
  if (shrink === 1) return { data: writable ? Buffer.from(decoded.data) : decoded.data, width, height };
  const size = {
    width: Math.max(1, Math.round(width * shrink)),
    height: Math.max(1, Math.round(height * shrink)),
  };
  const data = await sharp(decoded.data, { raw: { width, height, channels: 3 } })
    .resize(size.width, size.height, { fit: 'fill' })
    .raw()
    .toBuffer();
  return { data, ...size };
}

// Each pixel moves towards the colour by opacity × mask brightness (white = full, black = untouched).
async function tint(
  target: { data: Buffer; width: number; height: number },
  mark: MaskAnnotation,
  colour: Rgb,
) {
  const mask = Buffer.isBuffer(mark.mask) ? await decodeImage(mark.mask) : mark.mask;
  let grey = sharp(mask.data, { raw: { width: mask.width, height: mask.height, channels: 3 } });
  if (mask.width !== target.width || mask.height !== target.height) {
    grey = grey.resize(target.width, target.height, { fit: 'fill', kernel: 'linear' });
  }
  const weights = await grey.toColourspace('b-w').extractChannel(0).raw().toBuffer();
  const opacity = Math.min(1, Math.max(0, mark.opacity ?? 0.5));
  for (let i = 0; i < weights.length; i += 1) {
    const weight = ((weights[i] ?? 0) / 255) * opacity;
    if (weight === 0) continue;
    for (let c = 0; c < 3; c += 1) {
      const value = target.data[i * 3 + c] ?? 0;
      target.data[i * 3 + c] = Math.round(value + ((colour[c] ?? 0) - value) * weight);
    }
  }
}

/**
 * Draws boxes with captions, keypoints joined by skeleton lines, and tinted masks onto an image
 * (decoded, or encoded bytes) and encodes it. Earlier boxes are drawn over later ones, so a
 * best-first list keeps the best on top. `quality` applies to JPEG and WebP.
 * @throws MmskillsError `invalid_argument` for a colour that is no colour or a skeleton edge past the keypoints.
 */
export async function drawAnnotations(
  image: DecodedImage | Buffer,
  annotations: Annotations,
  format: ImageFormat = 'png',
  quality = 85,
): Promise<AnnotatedImage> {
  const { boxes = [], keypoints = [], masks = [], minScore = 0 } = annotations;
  const edges = skeletonEdges(annotations.skeleton, keypoints.length);
  const pointColour = annotations.keypointColor ? toRgb(annotations.keypointColor) : LIME;
  const marks = boxMarks(boxes).reverse();
  const points = keypoints.map((point): PointMark | undefined =>
    (point.score ?? 1) >= minScore
      ? { x: point.x, y: point.y, colour: point.color ? toRgb(point.color) : pointColour }
      : undefined,
  );
  const lines = edges
    .filter(([a, b]) => points[a] && points[b])
    .map(([from, to, colour]) => ({ from, to, colour: colour ? toRgb(colour) : pointColour }));
  const canvas = await pixelsOf(image, annotations.maxSide, masks.length > 0);
  for (const [index, mark] of masks.entries()) {
    await tint(canvas, mark, mark.color ? toRgb(mark.color) : paletteColour(index));
  }
  const svg = overlaySvg({ width: canvas.width, height: canvas.height, boxes: marks, points, lines });
  const composed = sharp(canvas.data, { raw: { width: canvas.width, height: canvas.height, channels: 3 } })
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    .removeAlpha();
  const encoder =
    format === 'jpeg'
      ? composed.jpeg({ quality })
      : format === 'webp'
        ? composed.webp({ quality })
        : composed.png();
  return {
    data: await encoder.toBuffer(),
    mimeType: `image/${format}`,
    width: canvas.width,
    height: canvas.height,
    drawn: {
      boxes: boxes.length,
      keypoints: points.filter(Boolean).length,
      lines: lines.length,
      masks: masks.length,
    },
  };
}
