import type { InferenceSession } from 'onnxruntime-node';
import { ctcGreedyDecode } from './ctc-decode.js';
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
 * of each batch is padding; results come back in the input order.
 */
export async function recognizeLines(
  session: InferenceSession,
  lines: readonly LineImage[],
  charset: Charset,
  signal?: AbortSignal,
): Promise<RecognizedLine[]> {
  const ratios = lines.map((line) => line.width / line.height);
  const order = lines.map((_, i) => i).sort((a, b) => (ratios[a] ?? 0) - (ratios[b] ?? 0));
  const results: RecognizedLine[] = new Array(lines.length);
  for (let start = 0; start < order.length; start += BATCH) {
    signal?.throwIfAborted();
    const indices = order.slice(start, start + BATCH);
    const maxRatio = Math.max(MIN_RATIO, ...indices.map((i) => ratios[i] ?? 0));
    const width = Math.floor(HEIGHT * maxRatio);
    const input = lineBatchTensor(
      indices.map((i) => lines[i] as LineImage),
      HEIGHT,
      width,
    );
    const outputs = await session.run({ [session.inputNames[0] ?? 'x']: input });
    const output = outputs[session.outputNames[0] ?? ''];
    const [n, steps, classes] = output?.dims ?? [];
    if (output === undefined || n !== indices.length || steps === undefined || classes === undefined) {
      throw new Error(`the text recogniser returned dims [${output?.dims.join(', ')}], not [N, T, classes]`);
    }
    const probs = output.data as Float32Array;
    const pixels = input.data as Float32Array;
    indices.forEach((lineIndex, b) => {
      const decoded = ctcGreedyDecode(probs, b * steps * classes, steps, classes, charset);
      const used = scaledWidth(lines[lineIndex] as LineImage, HEIGHT, width);
      const ink = inkProfile(pixels, b * 3 * HEIGHT * width, width, used, HEIGHT);
      results[lineIndex] = {
        text: joinWords(decoded.chars, ink, width / steps),
        confidence: decoded.confidence,
      };
    });
    input.dispose();
    output.dispose();
  }
  return results;
}
