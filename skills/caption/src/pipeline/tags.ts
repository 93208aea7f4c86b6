import { type Box, clampBox } from '@mmskills/core';

/** One tag from Florence-2's object detection: a label, how many boxes carry it, and their share. */
export interface Tag {
  tag: string;
  /** The share of all detected boxes that carry this label (0..1, 3 decimals); not a confidence. */
  score: number;
  count: number;
  boxes: Box[];
}

/**
 * Tags from `<OD>` detections. Florence-2 writes boxes as text and gives no confidence, so a tag's
 * score is honest about what there is: its label's share of the boxes. Labels are trimmed and
 * lowercased; ties keep the order the model named them in.
 */
export function tagsFromDetections(
  labels: readonly string[],
  boxes: ReadonlyArray<readonly number[]>,
  maxTags: number,
): { tags: Tag[]; boxes: number } {
  const byLabel = new Map<string, Box[]>();
  let total = 0;
  for (const [index, label] of labels.entries()) {
    const box = boxes[index];
    const name = label.trim().toLowerCase();
    if (!name || box?.length !== 4) continue;
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = box;
    byLabel.set(name, [...(byLabel.get(name) ?? []), clampBox([x1, y1, x2, y2])]);
    total += 1;
  }
  const tags = [...byLabel.entries()]
    .map(([tag, found], order) => ({ tag, found, order }))
    .sort((a, b) => b.found.length - a.found.length || a.order - b.order)
    .slice(0, maxTags)
    .map(({ tag, found }) => ({
      tag,
      score: Math.round((found.length / total) * 1000) / 1000,
      count: found.length,
      boxes: found.map((box) => box.map((value) => Math.round(value * 10_000) / 10_000) as Box),
    }));
  return { tags, boxes: total };
}
