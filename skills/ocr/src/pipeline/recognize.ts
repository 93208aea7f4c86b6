import type { InferenceSession as Session, Tensor } from 'onnxruntime-node';
import { CTC_STEP_OUTPUTS } from '../graph/ctc-steps.js';
import { type CtcSteps, ctcGreedyDecode, ctcStepsFromProbabilities } from './ctc-decode.js';
import type { Charset } from './dictionary.js';
import { type LineImage, lineBatchTensor, scaledWidth } from './line-image.js';
import { inkProfile, joinWords } from './word-spaces.js';

/** PP-OCRv4 recogniser input: height 48, and at least 320 wide (ratio 320 / 48). */
const HEIGHT = 48;
const MIN_RATIO = 320 / 48;
/**
 * Lines per run. Batches pad every line to the widest; on the benchmark pages batches of 6 (sorted
 * by aspect ratio) were 14% padding and took about 1.5× the CPU time of reading each line alone.
 */
const BATCH = 1;

/** A recognised line: its text with word spaces, and its confidence. */
export interface RecognizedLine {
  text: string;
  confidence: number;
}

/**
 * Reads each line image with the CTC recogniser, in batches of similar aspect ratio so that little
 * of each batch is padding; results come back in the input order. `onBatch` hears how many lines
 * were read before each batch starts.
 */
export async function recognizeLines(
  session: Session,
  lines: readonly LineImage[],
  charset: Charset,
  signal?: AbortSignal,
  onBatch?: (done: number, total: number) => void,
): Promise<RecognizedLine[]> {
  const ratios = lines.map((line) => line.width / line.height);
  const order = lines.map((_, i) => i).sort((a, b) => (ratios[a] ?? 0) - (ratios[b] ?? 0));
  const results: RecognizedLine[] = new Array(lines.length);
  for (let start = 0; start < order.length; start += BATCH) {
    signal?.throwIfAborted();
    onBatch?.(start, lines.length);
    const indices = order.slice(start, start + BATCH);
    const maxRatio = Math.max(MIN_RATIO, ...indices.map((i) => ratios[i] ?? 0));
    const width = Math.floor(HEIGHT * maxRatio);
    const input = lineBatchTensor(
      indices.map((i) => lines[i] as LineImage),
      HEIGHT,
      width,
    );
    const outputs = await session.run({ [session.inputNames[0] ?? 'x']: input });
    const sequences = stepsOf(session, outputs, indices.length);
    const pixels = input.data as Float32Array;
    indices.forEach((lineIndex, b) => {
      const steps = sequences[b] as CtcSteps;
      const decoded = ctcGreedyDecode(steps, charset);
      const used = scaledWidth(lines[lineIndex] as LineImage, HEIGHT, width);
      const ink = inkProfile(pixels, b * 3 * HEIGHT * width, width, used, HEIGHT);
      results[lineIndex] = {
        text: joinWords(decoded.chars, ink, width / steps.best.length),
        confidence: decoded.confidence,
      };
    });
    input.dispose();
    for (const tensor of Object.values(outputs)) tensor.dispose();
  }
  return results;
}

/**
 * Each sequence's steps, from the per-step outputs our graph rewrite adds ({@link CTC_STEP_OUTPUTS})
 * or, for a model it could not rewrite, from the full `[N, T, classes]` output.
 */
function stepsOf(session: Session, outputs: Session.OnnxValueMapType, count: number): CtcSteps[] {
  const { best, top, blank, space } = CTC_STEP_OUTPUTS;
  if (session.outputNames.includes(best)) {
    const tensors = [best, top, blank, space].map((name) => outputs[name]) as Tensor[];
    const [n, steps] = tensors[0]?.dims ?? [];
    if (n !== count || steps === undefined || tensors.some((tensor) => tensor?.dims[1] !== steps)) {
      throw new Error(
        `the text recogniser returned steps [${tensors[0]?.dims.join(', ')}], not [${count}, T]`,
      );
    }
    const [bestData, topData, blankData, spaceData] = tensors.map((tensor) => tensor.data);
    return Array.from({ length: count }, (_, b) => {
      const at = (data: unknown) => (data as Float32Array).subarray(b * steps, (b + 1) * steps);
      return {
        best: Int32Array.from((bestData as BigInt64Array).subarray(b * steps, (b + 1) * steps), Number),
        top: at(topData),
        blank: at(blankData),
        space: at(spaceData),
      };
    });
  }
  const output = outputs[session.outputNames[0] ?? ''];
  const [n, steps, classes] = output?.dims ?? [];
  if (output === undefined || n !== count || steps === undefined || classes === undefined) {
    throw new Error(`the text recogniser returned dims [${output?.dims.join(', ')}], not [N, T, classes]`);
  }
  const probs = output.data as Float32Array;
  return Array.from({ length: count }, (_, b) =>
    ctcStepsFromProbabilities(probs, b * steps * classes, steps, classes),
  );
}
