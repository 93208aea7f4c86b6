import type { DetectorBoxes, DetectorInput } from './detect.js';
import type { LineImage } from './line-image.js';
import type { RecognizedLine } from './recognize.js';

/**
 * The networks' part of reading a page, behind one interface so that {@link readPage} runs the same
 * whether the sessions live on this thread ({@link sessionEngine}: tests, the worker itself) or in
 * the skill's model threads (`reader/ocr-reader.ts`). Everything else (resizing the page, cutting
 * lines out, reading order) stays with the caller, so the page's pixels never cross threads whole.
 */
export interface OcrEngine {
  /** The DB detector's boxes for a prepared input. */
  detect(input: DetectorInput): Promise<DetectorBoxes>;
  /** Reads line images; results in input order, in one quote style. */
  recognize(
    lines: readonly LineImage[],
    signal?: AbortSignal,
    onBatch?: (done: number, total: number) => void,
  ): Promise<RecognizedLine[]>;
  /** Which of these line images the direction classifier is sure are upside down. */
  upsideDown(lines: readonly LineImage[], signal?: AbortSignal): Promise<boolean[]>;
}
