// Imports nothing heavy: a one-shot run (`mmskills call ocr`, the bin with --preload) starts the
// models' thread and their load with this before it imports the skill kit, so that the load runs
// on the other core meanwhile.
import { OCR_FLAGS, ocrModelFiles } from './launch-flags.js';
import type { OcrModelFiles } from './pipeline/model-files.js';
import { ModelThread } from './reader/model-thread.js';

let started: ModelThread | undefined;

/**
 * Starts the OCR models' thread and asks it to load `files` now. The skill made next in this
 * process for the same files takes this thread ({@link takeStartedModels}). A failed load is the
 * first call's to report (it loads again), as a model missing at start is.
 */
export function startOcrModels(files: OcrModelFiles): ModelThread {
  const thread = new ModelThread();
  thread
    .open(files)
    .load()
    .catch(() => undefined);
  started = thread;
  return thread;
}

/** {@link startOcrModels} with the files the environment names (as the bin's flags fall back to it). */
export function startOcrModelsFromEnv(env: NodeJS.ProcessEnv): ModelThread {
  return startOcrModels(
    ocrModelFiles(
      Object.fromEntries(
        Object.entries(OCR_FLAGS).map(([name, flag]) => [name, flag.env ? env[flag.env] : undefined]),
      ),
    ),
  );
}

/** The thread {@link startOcrModels} started for these files, once; undefined otherwise. */
export function takeStartedModels(files: OcrModelFiles): ModelThread | undefined {
  const thread = started;
  if (thread === undefined || thread.exited || !thread.serves(files)) return undefined;
  started = undefined;
  return thread;
}
