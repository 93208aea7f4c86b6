import { z } from 'zod';

const Unit = z.number().min(0).max(1);

/**
 * A box as `[x1, y1, x2, y2]`, top-left then bottom-right corner, normalised to the image size
 * (0..1), so it survives resizing.
 */
export const BoxSchema = z
  .tuple([Unit, Unit, Unit, Unit])
  .describe(
    '[x1, y1, x2, y2]: top-left and bottom-right corners as fractions (0..1) of image width and height',
  );
export type Box = z.infer<typeof BoxSchema>;

/** Any four-number box, in pixels or normalised. */
export type AnyBox = readonly [number, number, number, number];

/** Pixel corners → fractions of `width` and `height` (not clamped). */
export function normaliseBox(box: AnyBox, width: number, height: number): Box {
  return [box[0] / width, box[1] / height, box[2] / width, box[3] / height];
}

/** Fractions → pixel corners of a `width` × `height` image (not rounded). */
export function denormaliseBox(box: AnyBox, width: number, height: number): [number, number, number, number] {
  return [box[0] * width, box[1] * height, box[2] * width, box[3] * height];
}

/** Clamps every coordinate into 0..1 (NaN becomes 0). */
export function clampBox(box: AnyBox): Box {
  const clamp = (value: number) => (Number.isNaN(value) ? 0 : Math.min(1, Math.max(0, value)));
  return [clamp(box[0]), clamp(box[1]), clamp(box[2]), clamp(box[3])];
}

function area(box: AnyBox): number {
  return Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]);
}

/** Intersection over union of two boxes in the same units; 0 when neither has area. */
export function iou(a: AnyBox, b: AnyBox): number {
  const overlapW = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const overlapH = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  const intersection = overlapW > 0 && overlapH > 0 ? overlapW * overlapH : 0;
  const union = area(a) + area(b) - intersection;
  return union > 0 ? intersection / union : 0;
}

/** Options for {@link nms}. */
export interface NmsOptions<T> {
  /** Stop once this many items are kept. */
  maxResults?: number;
  /** Only items with the same key suppress each other (per-class NMS). */
  classOf?: (item: T) => string | number;
}

/**
 * Greedy non-maximum suppression: visits items by descending score and keeps each one whose IoU with
 * every kept item of its class is at most `iouThreshold`. Returns kept items, best first.
 */
export function nms<T extends { box: AnyBox; score: number }>(
  items: readonly T[],
  iouThreshold: number,
  options: NmsOptions<T> = {},
): T[] {
  const { maxResults = Number.POSITIVE_INFINITY, classOf } = options;
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  const keptByClass = new Map<string | number, T[]>();
  for (const item of sorted) {
    if (kept.length >= maxResults) break;
    const key = classOf ? classOf(item) : 0;
    const rivals = keptByClass.get(key) ?? [];
    if (rivals.some((rival) => iou(rival.box, item.box) > iouThreshold)) continue;
    rivals.push(item);
    keptByClass.set(key, rivals);
    kept.push(item);
  }
  return kept;
}
