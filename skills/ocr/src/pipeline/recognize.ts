import type { InferenceSession } from 'onnxruntime-node';
import { ctcGreedyDecode } from './ctc-decode.js';
import type { Charset } from './dictionary.js';
import { type LineImage, lineBatchTensor, scaledWidth } from './line-image.js';
import { inkProfile, joinWords } from './word-spaces.js';

/** PP-OCRv4 recogniser input: height 48, and at least 320 wide (ratio 320 / 48). */
const HEIGHT = 48;
const MIN_RATIO = 320 / 48;

/** A recognised line: its text with word spaces, and its confidence. */
export interface RecognizedLine {
  text: string;
  confidence: number;
}

/**
 * Reads each line image with the CTC recogniser, one line per run at its own width: batches pad
 * every line to the widest, and on the benchmark pages batches of 6 took about 1.5× the CPU time.
 * Each session (one thread each) takes the next line, longest first, so the copies finish together;
 * results come back in the input order.
 */
export async function recognizeLines(
  sessions: readonly InferenceSession[],
  lines: readonly LineImage[],
  charset: Charset,
  signal?: AbortSignal,
): Promise<RecognizedLine[]> {
  const ratios = lines.map((line) => line.width / line.height);
  const order = lines.map((_, i) => i).sort((a, b) => (ratios[b] ?? 0) - (ratios[a] ?? 0));
  const results: RecognizedLine[] = new Array(lines.length);
  let next = 0;
  const work = async (session: InferenceSession) => {
    try {
      for (let taken = order[next++]; taken !== undefined; taken = order[next++]) {
        signal?.throwIfAborted();
        results[taken] = await recognizeLine(session, lines[taken] as LineImage, ratios[taken] ?? 0, charset);
      }
    } catch (error) {
      next = order.length; // the other sessions stop after their current line
      throw error;
    }
  };
  await Promise.all(sessions.map(work));
  return results;
}

async function recognizeLine(
  session: InferenceSession,
  line: LineImage,
  ratio: number,
  charset: Charset,
): Promise<RecognizedLine> {
  const width = Math.floor(HEIGHT * Math.max(MIN_RATIO, ratio));
  const input = lineBatchTensor([line], HEIGHT, width);
  const outputs = await session.run({ [session.inputNames[0] ?? 'x']: input });
  const output = outputs[session.outputNames[0] ?? ''];
  const [n, steps, classes] = output?.dims ?? [];
  try {
    if (output === undefined || n !== 1 || steps === undefined || classes === undefined) {
      throw new Error(`the text recogniser returned dims [${output?.dims.join(', ')}], not [1, T, classes]`);
    }
    const decoded = ctcGreedyDecode(output.data as Float32Array, 0, steps, classes, charset);
    const used = scaledWidth(line, HEIGHT, width);
    const ink = inkProfile(input.data as Float32Array, 0, width, used, HEIGHT);
    return { text: joinWords(decoded.chars, ink, width / steps), confidence: decoded.confidence };
  } finally {
    input.dispose();
    output?.dispose();
  }
}
