import type { LineImage } from './line-image.js';
import { type BatchLine, pageLines, type RecognizedLine, recognitionBatches } from './recognize.js';

/** Something that reads recogniser batches: a model thread, or a session on this thread ({@link readOnLanes}). */
export interface RecognitionLane {
  /** Settles when the lane's recogniser is open; a lane that failed to open takes no batch. */
  ready: Promise<void>;
  read(lines: LineImage[], width: number, signal: AbortSignal): Promise<BatchLine[]>;
}

/**
 * Reads a page's lines on several lanes at once: the batches are planned for the page as a whole
 * (so every line is read in the same run, at the same width, as on one thread, and the text is the
 * same), the costliest first, and each lane takes the next batch when it is free. The first lane is
 * the one the page needs: its failure fails the page. Another lane joins once open; one that fails
 * hands its batch back and takes no more. Results in input order, in one style of quote marks.
 * `onBatch` hears how many lines were started before each batch starts (a batch handed back is not
 * counted twice).
 */
export async function readOnLanes(
  lanes: readonly [RecognitionLane, ...RecognitionLane[]],
  lines: readonly LineImage[],
  signal?: AbortSignal,
  onBatch?: (done: number, total: number) => void,
): Promise<RecognizedLine[]> {
  signal?.throwIfAborted();
  const cost = (batch: { indices: number[]; width: number }) => batch.indices.length * batch.width;
  const queue = recognitionBatches(lines).sort((a, b) => cost(b) - cost(a));
  const read: BatchLine[] = new Array(lines.length);
  // Ends every lane's work when the page fails or its caller cancels.
  const stop = new AbortController();
  const stopWith = () => stop.abort(signal?.reason);
  signal?.addEventListener('abort', stopWith, { once: true });
  let started = 0;
  let reported = 0;

  const work = async (lane: RecognitionLane, needed: boolean): Promise<void> => {
    for (let batch = queue.shift(); batch !== undefined; batch = queue.shift()) {
      stop.signal.throwIfAborted();
      reported = Math.max(reported, started);
      onBatch?.(reported, lines.length);
      started += batch.indices.length;
      let result: BatchLine[];
      try {
        result = await lane.read(
          batch.indices.map((i) => lines[i] as LineImage),
          batch.width,
          stop.signal,
        );
      } catch (error) {
        if (needed || stop.signal.aborted) throw error;
        started -= batch.indices.length;
        queue.unshift(batch);
        return;
      }
      batch.indices.forEach((line, b) => {
        read[line] = result[b] as BatchLine;
      });
    }
  };
  // The first lane never waits for another to open: once it has emptied the queue, a lane not yet
  // open takes nothing, and one still reading finishes its batch (or hands it back).
  let firstDone = () => {};
  const finished = new Promise<false>((resolve) => {
    firstDone = () => resolve(false);
  });
  const helper = async (lane: RecognitionLane): Promise<void> => {
    const ready = lane.ready.then(
      () => true,
      () => false,
    );
    if (await Promise.race([ready, finished])) await work(lane, false).catch(() => undefined);
  };

  const [first, ...others] = lanes;
  const helpers = others.map(helper);
  try {
    await work(first, true);
    firstDone();
    await Promise.all(helpers);
    // A lane that failed as the page was cancelled dropped its batch: the page is not whole.
    stop.signal.throwIfAborted();
    await work(first, true);
  } catch (error) {
    stop.abort(error);
    throw error;
  } finally {
    firstDone();
    signal?.removeEventListener('abort', stopWith);
  }
  return pageLines(read);
}
