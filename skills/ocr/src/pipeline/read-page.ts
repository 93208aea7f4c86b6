import type { DecodedImage } from '@mmskills/image';
import { cropLine } from './crop.js';
import { detectorInput, regionsOnImage } from './detect.js';
import { lettersForZeros } from './digit-letters.js';
import type { OcrEngine } from './engine.js';
import { quadBounds, quadSides } from './geometry.js';
import { halfWidthInLatinLine } from './half-width.js';
import { type LineImage, rotate180 } from './line-image.js';
import { readingOrder } from './reading-order.js';
import { letterForTimesSign } from './times-sign.js';

/**
 * Extra room above and below each line, as a fraction of its height. DB boxes hug the ink, and
 * on such tight crops PP-OCRv4's recogniser drops the spaces between English words (PaddleOCR
 * issues #11386, #5448); 0.15 brought rendered test pages from ~15% to under 1% character errors.
 */
const LINE_MARGIN = 0.15;
/**
 * Lines under 28 px thick (text under about 20 px) and at least 6 times as long take less, so their
 * text is larger in the recogniser's 48 rows. On generated pages (issue 21, 6 kinds x 10 seeds; edits
 * against the nearest drawn line) 0.07 took small type from 185 edits to 134, photos 107 -> 44,
 * columns 38 -> 11, prose 0 -> 2, for 5-15% more recogniser time on those pages; short ones (table
 * cells, prices) gained nothing and cost 12% more, so they keep 0.15.
 */
const SMALL_LINE_MARGIN = 0.07;
const SMALL_LINE = 28;
const LONG_LINE = 6;
/**
 * Extra room before and after each line, as a fraction of its height. The detector's box often
 * stops short of a final period or comma, which the recogniser then drops or misreads (`by.` read
 * as `byy`); on the benchmark pages this margin fixed 11 such line ends and broke none.
 */
const LINE_END_MARGIN = 0.3;
/**
 * Lines the recogniser reads at least this sure of are taken as upright without asking the direction
 * classifier. On 14 rendered pages (193 lines) upright lines read at 0.938 or more, the same lines
 * turned over at 0.86 or less, and the one upside-down line at 0.66; the classifier cost about a
 * tenth of a page's time.
 */
const CONFIDENT = 0.9;

/** One line of text read from the image; `bounds` in image pixels `[x1, y1, x2, y2]`. */
export interface ReadLine {
  text: string;
  bounds: [number, number, number, number];
  confidence: number;
}

/** What {@link readPage} keeps. */
export interface ReadPageOptions {
  /** Lines whose recognition confidence is below this are dropped. */
  minConfidence: number;
  signal?: AbortSignal;
  /** Told what the pipeline does next (`reading line 3 of 12`), for a caller reporting progress. */
  onStage?: (stage: string) => void;
}

/**
 * The whole OCR pipeline on one image, lines in reading order ({@link readingOrder}); see
 * {@link readLines}.
 */
export async function readPage(
  engine: OcrEngine,
  image: DecodedImage,
  options: ReadPageOptions,
): Promise<ReadLine[]> {
  return readingOrder(await readLines(engine, image, options));
}

/**
 * The whole OCR pipeline on one image: detect text lines, cut each out, recognise them, turn the
 * unsure ones the direction classifier finds upside down and read those again, drop the lines still
 * unsure; the rest in the order found (a caller that lays the page out orders them from that).
 */
export async function readLines(
  engine: OcrEngine,
  image: DecodedImage,
  options: ReadPageOptions,
): Promise<ReadLine[]> {
  const { signal, onStage } = options;
  onStage?.('finding lines of text');
  const regions = regionsOnImage(await engine.detect(await detectorInput(image)), image);
  signal?.throwIfAborted();
  const crops = regions.map((region) => {
    const [length, thickness] = quadSides(region.quad);
    const small = thickness < SMALL_LINE && length >= LONG_LINE * thickness;
    const margin = small ? SMALL_LINE_MARGIN : LINE_MARGIN;
    return cropLine(image, region.quad, margin, LINE_END_MARGIN);
  });
  const decoded = await engine.recognize(crops, signal, (done, total) =>
    onStage?.(`reading line ${done + 1} of ${total}`),
  );
  const unsure = crops.flatMap((_, i) => ((decoded[i]?.confidence ?? 0) < CONFIDENT ? [i] : []));
  onStage?.(
    `checking ${unsure.length === 1 ? '1 unsure line' : `${unsure.length} unsure lines`} for upside-down text`,
  );
  const flips = await engine.upsideDown(
    unsure.map((i) => crops[i] as LineImage),
    signal,
  );
  const turned = unsure.filter((_, k) => flips[k]);
  const reread = await engine.recognize(
    turned.map((line) => rotate180(crops[line] as LineImage)),
    signal,
    (done, total) => onStage?.(`reading upside-down line ${done + 1} of ${total} again`),
  );
  turned.forEach((line, k) => {
    decoded[line] = reread[k] as (typeof decoded)[number];
  });
  const read: ReadLine[] = [];
  decoded.forEach((result, i) => {
    const region = regions[i];
    const text = letterForTimesSign(lettersForZeros(halfWidthInLatinLine(result.text)))
      .replace(/\s+/g, ' ')
      .trim();
    if (region === undefined || text === '' || result.confidence < options.minConfidence) return;
    read.push({ text, bounds: quadBounds(region.quad), confidence: result.confidence });
  });
  return read;
}
