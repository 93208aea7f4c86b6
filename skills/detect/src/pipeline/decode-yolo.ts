import { MmskillsError } from '@mmskills/core';

/** How a YOLO export lays out its one output tensor. */
export type YoloLayout =
  /** YOLOv8/11: `[1, 4 + C, N]`, rows cx, cy, w, h, then one score per class. */
  | 'v8'
  /** The same as v8 but anchor-major: `[1, N, 4 + C]`. */
  | 'v8-anchor-major'
  /** YOLOv5/7: `[1, N, 5 + C]`, per anchor cx, cy, w, h, objectness, class scores. */
  | 'v5';

/** A decoded anchor in model-input pixels: corners, best class, its score. */
export interface YoloBox {
  box: [number, number, number, number];
  classIndex: number;
  score: number;
}

/**
 * Works out the layout from the output dims and the number of labels. `[1, 4 + C, N]` wins a tie
 * with `[1, N, 5 + C]`, as v8-style exports are the common case now.
 * @throws MmskillsError `model_failed` when the shape fits no layout for `classes` labels.
 */
export function yoloLayout(dims: readonly number[], classes: number, labelsSource: string): YoloLayout {
  const [batch, rows, columns] = dims;
  if (dims.length === 3 && batch === 1 && rows !== undefined && columns !== undefined) {
    if (rows === 4 + classes) return 'v8';
    if (columns === 5 + classes) return 'v5';
    if (columns === 4 + classes) return 'v8-anchor-major';
  }
  throw new MmskillsError(
    'model_failed',
    `the model's output shape [${dims.join(', ')}] does not fit ${classes} labels from ${labelsSource}: ` +
      `expected [1, ${4 + classes}, N] (YOLOv8/11) or [1, N, ${5 + classes}] (YOLOv5). ` +
      'Give a labels file with one line per class the model was trained on.',
  );
}

/**
 * Decodes a YOLO output tensor into boxes scoring at least `minScore` (best class per anchor;
 * for v5 the score is objectness × class score). Boxes stay in model-input pixels.
 */
export function decodeYolo(
  data: Float32Array,
  dims: readonly number[],
  classes: number,
  layout: YoloLayout,
  minScore: number,
): YoloBox[] {
  const fieldMajor = layout === 'v8';
  const anchors = (fieldMajor ? dims[2] : dims[1]) ?? 0;
  const fields = (fieldMajor ? dims[1] : dims[2]) ?? 0;
  const first = layout === 'v5' ? 5 : 4;
  const boxes: YoloBox[] = [];
  for (let anchor = 0; anchor < anchors; anchor++) {
    const at = (field: number) => data[fieldMajor ? field * anchors + anchor : anchor * fields + field] ?? 0;
    const objectness = layout === 'v5' ? at(4) : 1;
    if (objectness < minScore) continue;
    let classIndex = -1;
    let best = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < classes; c++) {
      const value = at(first + c);
      if (value > best) {
        best = value;
        classIndex = c;
      }
    }
    const score = objectness * best;
    if (classIndex < 0 || !(score >= minScore)) continue;
    const [cx, cy, w, h] = [at(0), at(1), at(2), at(3)];
    boxes.push({ box: [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], classIndex, score });
  }
  return boxes;
}
