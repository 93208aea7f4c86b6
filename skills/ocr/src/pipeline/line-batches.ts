/** One recogniser run: which lines (input indices), and the width every one of them is padded to. */
export interface LineBatch {
  indices: number[];
  width: number;
}

/** How {@link planLineBatches} groups lines. */
export interface LineBatchOptions {
  height: number;
  /** A line at least this wide (at `height` rows) is read alone at its own width, as PaddleOCR does. */
  longWidth: number;
  /** A shorter line is padded to at least this width, and read in a batch of similar widths. */
  shortWidth: number;
  /** Lines per batch of short lines, at most. */
  batchSize: number;
  /** Padding allowed in a batch of short lines, as a fraction of their own widths. */
  padding: number;
  /** The recogniser emits one step per this many columns; a batch's width is a multiple of it. */
  step: number;
}

/**
 * Groups lines into recogniser runs, shortest first. A long line runs alone at `floor(height ×
 * width / rows)` columns, as it always has. Short lines (table cells, prices, labels) were each
 * padded to `longWidth` and run alone; they now share runs, padded only to `shortWidth` and to the
 * widest of their batch (rounded up to whole steps).
 */
export function planLineBatches(
  sizes: ReadonlyArray<{ width: number; height: number }>,
  options: LineBatchOptions,
): LineBatch[] {
  const { height, longWidth, shortWidth, batchSize, padding, step } = options;
  // The same arithmetic as before batching (height × ratio), so long lines keep their exact width.
  const scaled = sizes.map((size) => Math.floor(height * (size.width / size.height)));
  const order = sizes.map((_, i) => i).sort((a, b) => (scaled[a] ?? 0) - (scaled[b] ?? 0));
  const batches: LineBatch[] = [];
  let short: number[] = [];
  let ownWidths = 0;
  const closeShort = () => {
    if (short.length === 0) return;
    const widest = Math.max(shortWidth, ...short.map((i) => scaled[i] ?? 0));
    batches.push({ indices: short, width: Math.ceil(widest / step) * step });
    short = [];
    ownWidths = 0;
  };
  for (const i of order) {
    const width = scaled[i] ?? 0;
    if (width >= longWidth) {
      closeShort();
      batches.push({ indices: [i], width });
      continue;
    }
    const own = Math.max(shortWidth, width);
    const full = short.length >= batchSize;
    if (full || (short.length + 1) * own > (ownWidths + own) * (1 + padding)) closeShort();
    short.push(i);
    ownWidths += own;
  }
  closeShort();
  return batches;
}
