import type { InferenceSession as Session, Tensor } from 'onnxruntime-node';
import { CTC_STEP_OUTPUTS } from '../graph/ctc-step-outputs.js';
import { type CtcSteps, ctcGreedyDecode, ctcStepsFromProbabilities } from './ctc-decode.js';
import type { Charset } from './dictionary.js';
import { type LineBatch, planLineBatches } from './line-batches.js';
import { type LineImage, scaledWidth } from './line-image.js';
import { lineBatchTensor } from './line-tensor.js';
import { type QuoteMarks, quoteMarks, unifyQuotes } from './quote-style.js';
import { inkProfile, joinWords } from './word-spaces.js';

/** PP-OCRv4 recogniser input: height 48; PaddleOCR pads every line to at least 320 columns. */
const HEIGHT = 48;
/**
 * How lines share runs ({@link planLineBatches}). Lines of 320 columns or more run alone: batches of 6
 * (sorted by aspect ratio) were 14% padding and took about 1.5× the CPU time of reading each line
 * alone. Shorter ones (table cells) were each padded to 320 and run alone, 78 runs for a 13×6 table;
 * padded to 160 and 8 to a run, on 36 rendered tables (2,160 cells, 6 fonts, 12–26 px) the
 * recogniser took 0.55× the time and the cells' character errors went from 56 to 42 (29 cells
 * righted, mostly `12. 34` and `A- 12` read without their stray space; 14 wronged: the case of a
 * lone `On` or `Of`, a split `Wil l`). Padding to 128 left 53 errors, to 192 48, to 240 54.
 */
const BATCHES = {
  height: HEIGHT,
  longWidth: 320,
  shortWidth: 160,
  batchSize: 8,
  padding: 0.1,
  step: 8,
} as const;

/** A recognised line: its text with word spaces, and its confidence. */
export interface RecognizedLine {
  text: string;
  confidence: number;
}

/** A line as one run reads it, before the page's lines share one style of quote marks. */
export interface BatchLine extends RecognizedLine {
  quotes: QuoteMarks;
}

/** How the lines of a page share recogniser runs ({@link planLineBatches} with this recogniser's sizes). */
export function recognitionBatches(lines: readonly LineImage[]): LineBatch[] {
  return planLineBatches(lines, BATCHES);
}

/** Reads one planned batch of lines, padded to `width`, in one recogniser run. */
export async function readLineBatch(
  session: Session,
  lines: readonly LineImage[],
  width: number,
  charset: Charset,
): Promise<BatchLine[]> {
  const input = lineBatchTensor(lines, HEIGHT, width);
  try {
    const outputs = await session.run({ [session.inputNames[0] ?? 'x']: input });
    try {
      const sequences = stepsOf(session, outputs, lines.length);
      const pixels = input.data as Float32Array;
      return lines.map((line, b) => {
        const steps = sequences[b] as CtcSteps;
        const decoded = ctcGreedyDecode(steps, charset);
        const used = scaledWidth(line, HEIGHT, width);
        const ink = inkProfile(pixels, b * 3 * HEIGHT * width, width, used, HEIGHT);
        return {
          text: joinWords(decoded.chars, ink, width / steps.best.length),
          confidence: decoded.confidence,
          quotes: quoteMarks(decoded.chars),
        };
      });
    } finally {
      for (const tensor of Object.values(outputs)) tensor.dispose();
    }
  } finally {
    input.dispose();
  }
}

/** The lines of a page, read in batches, in one style of quote marks ({@link unifyQuotes}). */
export function pageLines(read: readonly BatchLine[]): RecognizedLine[] {
  const texts = unifyQuotes(read);
  return read.map((line, i) => ({ text: texts[i] ?? line.text, confidence: line.confidence }));
}

/**
 * Each sequence's steps, from the per-step outputs our graph rewrite adds ({@link CTC_STEP_OUTPUTS})
 * or, for a model it could not rewrite, from the full `[N, T, classes]` output.
 */
function stepsOf(session: Session, outputs: Session.OnnxValueMapType, count: number): CtcSteps[] {
  const { best, top, blank, space, second, secondTop } = CTC_STEP_OUTPUTS;
  if (session.outputNames.includes(best)) {
    const tensors = [best, top, blank, space, second, secondTop].map((name) => outputs[name]) as Tensor[];
    const [n, steps] = tensors[0]?.dims ?? [];
    if (n !== count || steps === undefined || tensors.some((tensor) => tensor?.dims[1] !== steps)) {
      throw new Error(
        `the text recogniser returned steps [${tensors[0]?.dims.join(', ')}], not [${count}, T]`,
      );
    }
    const [bestData, topData, blankData, spaceData, secondData, secondTopData] = tensors.map(
      (tensor) => tensor.data,
    );
    return Array.from({ length: count }, (_, b) => {
      const at = (data: unknown) => (data as Float32Array).subarray(b * steps, (b + 1) * steps);
      const classes = (data: unknown) =>
        Int32Array.from((data as BigInt64Array).subarray(b * steps, (b + 1) * steps), Number);
      return {
        best: classes(bestData),
        top: at(topData),
        blank: at(blankData),
        space: at(spaceData),
        second: classes(secondData),
        secondTop: at(secondTopData),
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
