import { upsideDown } from './classify.js';
import type { OcrEngine } from './engine.js';
import type { OcrModels } from './ocr-models.js';
import { recognizeLines } from './recognize.js';
import { runDetector } from './run-detector.js';

/** An {@link OcrEngine} on sessions open on this thread. */
export function sessionEngine(models: OcrModels): OcrEngine {
  return {
    detect: (input) => runDetector(models.det, input),
    recognize: (lines, signal, onBatch) => recognizeLines(models.rec, lines, models.charset, signal, onBatch),
    upsideDown: (lines, signal) => upsideDown(models.cls, lines, signal),
  };
}
