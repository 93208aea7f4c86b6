import type { InferenceSession } from 'onnxruntime-node';
import { type LineImage, resizeLine } from './line-image.js';
import { lineBatchTensor } from './line-tensor.js';

const HEIGHT = 48;
const WIDTH = 192;
const BATCH = 24;
/** Windows judged per line: enough to outvote one misleading stretch, few enough to stay cheap. */
const MAX_WINDOWS = 3;
/** PaddleOCR's `cls_thresh`: flip only when the classifier is this sure the line is upside down. */
const FLIP_THRESHOLD = 0.9;

function cropColumns(line: LineImage, x0: number, width: number): LineImage {
  const data = new Uint8Array(width * line.height * 3);
  for (let y = 0; y < line.height; y++) {
    const from = (y * line.width + x0) * 3;
    data.set(line.data.subarray(from, from + width * 3), y * width * 3);
  }
  return { data, width, height: line.height };
}

/**
 * The classifier's views of a line. PaddleOCR squeezes a whole line into 192 × 48, which blurs a
 * long line until the classifier guesses (on rendered test pages it left 3 of 13 turned lines
 * upside down); a long line is judged on up to three 192-wide windows at its natural scale
 * instead, spread evenly from its start to its end.
 */
function windowsOf(line: LineImage): LineImage[] {
  const scaled = Math.max(1, Math.ceil((HEIGHT * line.width) / line.height));
  if (scaled <= WIDTH) return [line];
  const count = Math.min(MAX_WINDOWS, Math.ceil(scaled / WIDTH));
  // Only the windowed columns are resized, not the whole line.
  const source = (x: number) => Math.round((x * line.width) / scaled);
  return Array.from({ length: count }, (_, i) => {
    const x0 = count === 1 ? 0 : Math.round((i * (scaled - WIDTH)) / (count - 1));
    const from = Math.max(0, source(x0));
    const to = Math.min(line.width, Math.max(from + 1, source(x0 + WIDTH)));
    return resizeLine(cropColumns(line, from, to - from), WIDTH, HEIGHT);
  });
}

/**
 * Runs the text-direction classifier (0° or 180°) on each line, averaging over its windows, and
 * says, in input order, which lines it is sure are upside down. The classifier is opened only when
 * there is a line to ask about.
 */
export async function upsideDown(
  classifier: () => Promise<InferenceSession>,
  lines: readonly LineImage[],
  signal?: AbortSignal,
): Promise<boolean[]> {
  if (lines.length === 0) return [];
  const session = await classifier();
  const views = lines.flatMap((line, index) => windowsOf(line).map((view) => ({ index, view })));
  const sums = lines.map(() => 0);
  const counts = lines.map(() => 0);
  for (let start = 0; start < views.length; start += BATCH) {
    signal?.throwIfAborted();
    const batch = views.slice(start, start + BATCH);
    const input = lineBatchTensor(
      batch.map(({ view }) => view),
      HEIGHT,
      WIDTH,
    );
    const outputs = await session.run({ [session.inputNames[0] ?? 'x']: input });
    const output = outputs[session.outputNames[0] ?? ''];
    if (output === undefined || output.dims[0] !== batch.length || output.dims[1] !== 2) {
      throw new Error(`the angle classifier returned dims [${output?.dims.join(', ')}], not [N, 2]`);
    }
    const probs = output.data as Float32Array;
    batch.forEach(({ index }, b) => {
      sums[index] = (sums[index] ?? 0) + (probs[b * 2 + 1] ?? 0);
      counts[index] = (counts[index] ?? 0) + 1;
    });
  }
  return lines.map((_, i) => (sums[i] ?? 0) / Math.max(1, counts[i] ?? 0) > FLIP_THRESHOLD);
}
