import { decodeImage } from '@mmskills/image';
import { renderTextPage } from '@mmskills/image/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OcrEngine } from '../src/pipeline/engine.js';
import { createOcrModels } from '../src/pipeline/ocr-models.js';
import { type RecognitionLane, readOnLanes } from '../src/pipeline/read-on-lanes.js';
import { type ReadLine, readLines } from '../src/pipeline/read-page.js';
import { sessionEngine } from '../src/pipeline/session-engine.js';
import { ModelThread } from '../src/reader/model-thread.js';
import { threadLane } from '../src/reader/ocr-reader.js';

const OPTIONS = { minConfidence: 0.5 };

/** A lane that counts the batches it was given. */
function counted(lane: RecognitionLane): RecognitionLane & { batches: number } {
  const seen = {
    ready: lane.ready,
    batches: 0,
    read: (...args: Parameters<RecognitionLane['read']>) => {
      seen.batches++;
      return lane.read(...args);
    },
  };
  return seen;
}

/** The page's pipeline with its recogniser batches spread over `lanes`, the rest on this thread. */
function onLanes(local: OcrEngine, lanes: [RecognitionLane, ...RecognitionLane[]]): OcrEngine {
  return { ...local, recognize: (lines, signal, onBatch) => readOnLanes(lanes, lines, signal, onBatch) };
}

// A ruled 13 x 6 table: 85 short lines in about a dozen recogniser batches.
describe('recognition lanes', () => {
  let local: OcrEngine;
  let image: Awaited<ReturnType<typeof decodeImage>>;
  let oneThread: ReadLine[];
  const threads: ModelThread[] = [];
  const recogniser = (files = {}) => {
    const thread = new ModelThread('recogniser').open(files);
    threads.push(thread);
    return thread;
  };

  beforeAll(async () => {
    local = sessionEngine(await createOcrModels({}).load());
    image = await decodeImage((await renderTextPage('table', 0)).image);
    oneThread = await readLines(local, image, OPTIONS);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(threads.map((thread) => thread.close()));
  });

  it('share a page between them and read every line as one thread does', async () => {
    const lanes = [counted(threadLane(recogniser())), counted(threadLane(recogniser()))] as const;
    await Promise.all(lanes.map((lane) => lane.ready));
    const read = await readLines(onLanes(local, [...lanes]), image, OPTIONS);
    expect(read).toEqual(oneThread);
    expect(oneThread.length).toBeGreaterThan(80);
    expect(lanes[0].batches).toBeGreaterThan(0);
    expect(lanes[1].batches).toBeGreaterThan(0);
  }, 120_000);

  it('leave out a lane that cannot open, and give a stopped lane’s batch to the first', async () => {
    const first = counted(threadLane(recogniser()));
    const missing = threadLane(recogniser({ recModel: '/nonexistent/rec.onnx' }));
    const stoppedThread = recogniser();
    const stopped = counted(threadLane(stoppedThread));
    await Promise.all([first.ready, stopped.ready]);
    await expect(missing.ready).rejects.toThrow(/rec\.onnx/);
    await stoppedThread.close();
    const read = await readLines(onLanes(local, [first, missing, stopped]), image, OPTIONS);
    expect(read).toEqual(oneThread);
    expect(stopped.batches).toBe(1);
  }, 120_000);

  it('do not wait for a lane still opening', async () => {
    const opening: RecognitionLane = { ready: new Promise(() => undefined), read: () => Promise.reject() };
    const read = await readLines(onLanes(local, [threadLane(recogniser()), opening]), image, OPTIONS);
    expect(read).toEqual(oneThread);
  }, 120_000);

  it('read nothing for a caller that has already given up', async () => {
    const lane = counted(threadLane(recogniser()));
    const gaveUp = AbortSignal.abort(new Error('the user moved on'));
    await expect(
      readOnLanes(
        [lane],
        [...Array(3)].map(() => ({ data: new Uint8Array(3 * 48 * 96), width: 96, height: 48 })),
        gaveUp,
      ),
    ).rejects.toThrow('the user moved on');
    expect(lane.batches).toBe(0);
  });

  it('fail the page with the first lane, and stop the others', async () => {
    const gone = recogniser();
    await gone.close();
    await expect(gone.load()).rejects.toThrow(/the OCR model thread stopped/);
    const helper = counted(threadLane(recogniser()));
    await helper.ready;
    await expect(readLines(onLanes(local, [threadLane(gone), helper]), image, OPTIONS)).rejects.toThrow(
      /the OCR model thread stopped/,
    );
    const batches = helper.batches;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(helper.batches).toBe(batches);
  }, 120_000);
});
