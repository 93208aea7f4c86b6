/** A point prompt in pixels of the image: label 1 is on the object, 0 is off it. */
export interface PixelPoint {
  x: number;
  y: number;
  label: 0 | 1;
}

/** One prompt, one object: an optional box `[x1, y1, x2, y2]` in pixels and the points that refine it. */
export interface Prompt {
  box?: [number, number, number, number];
  points: PixelPoint[];
}

/** Boxes and points as the tool takes them, as fractions (0..1) of the image. */
export interface NormalisedPrompts {
  boxes?: ReadonlyArray<readonly [number, number, number, number]>;
  points?: ReadonlyArray<{ x: number; y: number; label: 0 | 1 }>;
}

/**
 * One prompt per box, each refined by all the points; with no box, one prompt of all the points
 * (foreground and background points together outline one object, as SAM's predictor takes them).
 * Coordinates become pixels of the `width` × `height` image, continuous (0..width), as SAM's are.
 */
export function toPrompts(
  { boxes = [], points = [] }: NormalisedPrompts,
  width: number,
  height: number,
): Prompt[] {
  const pixelPoints = points.map(({ x, y, label }) => ({ x: x * width, y: y * height, label }));
  if (boxes.length === 0) return pixelPoints.length === 0 ? [] : [{ points: pixelPoints }];
  return boxes.map(([x1, y1, x2, y2]) => ({
    box: [x1 * width, y1 * height, x2 * width, y2 * height],
    points: pixelPoints,
  }));
}

// The original SAM's labels for a box's top-left and bottom-right corners when a box is sent as
// points, as its ONNX export and SAM 2's predictor do; the Xenova SAM exports take no box input.
const TOP_LEFT = 2;
const BOTTOM_RIGHT = 3;

/**
 * The prompt as the decoder's points and labels: a box becomes its two corners labelled 2 and 3,
 * ahead of the points, unless the decoder takes boxes itself (`boxInput`).
 */
export function decoderPoints(prompt: Prompt, boxInput: boolean): { points: number[][]; labels: number[] } {
  const corners =
    prompt.box && !boxInput
      ? [
          { x: prompt.box[0], y: prompt.box[1], label: TOP_LEFT },
          { x: prompt.box[2], y: prompt.box[3], label: BOTTOM_RIGHT },
        ]
      : [];
  const all = [...corners, ...prompt.points];
  return { points: all.map(({ x, y }) => [x, y]), labels: all.map(({ label }) => label) };
}
