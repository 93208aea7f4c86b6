import type { DetectorBoxes } from '../pipeline/detect.js';
import type { OcrEngine } from '../pipeline/engine.js';
import { type OcrModelFiles, ocrModelStatus } from '../pipeline/model-files.js';
import type { RecognizedLine } from '../pipeline/recognize.js';
import { ModelThread } from './model-thread.js';

/**
 * The OCR skill's models, in a thread of their own ({@link ModelThread}), started on first use
 * (or handed in already started, as the bin does) and ended by `unload`; `engine` is what
 * `readPage` runs them through.
 */
export function createOcrReader(files: OcrModelFiles, started?: ModelThread) {
  let thread = started;
  const current = (): ModelThread => {
    if (thread === undefined || thread.exited) thread = new ModelThread();
    return thread.open(files);
  };

  const engine: OcrEngine = {
    detect: (input) => current().request<DetectorBoxes>({ op: 'detect', input }),
    recognize: async (lines, signal, onBatch) =>
      lines.length === 0
        ? []
        : current().request<RecognizedLine[]>({ op: 'recognize', lines: [...lines] }, signal, onBatch),
    upsideDown: async (lines, signal) =>
      lines.length === 0 ? [] : current().request<boolean[]>({ op: 'classify', lines: [...lines] }, signal),
  };

  return {
    engine,
    /** Opens the networks (in the model thread, which starts if it has not). */
    load: (): Promise<void> => current().load(),
    /** Closes the sessions and ends the thread; the next call starts both again. */
    async unload(): Promise<void> {
      const stopping = thread;
      thread = undefined;
      await stopping?.close();
    },
    status: () =>
      thread?.exited === false
        ? ocrModelStatus(files, thread.loaded, thread.rewriteCaches)
        : ocrModelStatus(files, false, {}),
  };
}

/** The model holder {@link createOcrReader} returns. */
export type OcrReader = ReturnType<typeof createOcrReader>;
