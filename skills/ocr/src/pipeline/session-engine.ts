import { upsideDown } from './classify.js';
import type { OcrEngine } from './engine.js';
import type { OcrModels } from './ocr-models.js';
import { type RecognitionLane, readOnLanes } from './read-on-lanes.js';
import { readLineBatch } from './recognize.js';
import { runDetector } from './run-detector.js';

/** An {@link OcrEngine} on sessions open on this thread: the recogniser is its one lane. */
export function sessionEngine(models: OcrModels): OcrEngine {
  const lane: RecognitionLane = {
    ready: Promise.resolve(),
    read: (lines, width) => readLineBatch(models.rec, lines, width, models.charset),
  };
  return {
    detect: (input) => runDetector(models.det, input),
    recognize: (lines, signal, onBatch) => readOnLanes([lane], lines, signal, onBatch),
    upsideDown: (lines, signal) => upsideDown(models.cls, lines, signal),
  };
}
