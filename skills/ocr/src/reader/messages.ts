import type { RewriteCacheOutcome } from '@mmskills/models';
import type { DetectorInput } from '../pipeline/detect.js';
import type { LineImage } from '../pipeline/line-image.js';
import type { OcrModelFiles, OcrPart } from '../pipeline/model-files.js';

/**
 * A request to a model thread: one network's part of a page ({@link OcrEngine}); the recogniser's
 * part one planned batch at a time, so that a page's batches can share several threads.
 */
export type ModelRequest =
  | { op: 'detect'; input: DetectorInput }
  | { op: 'read-batch'; lines: LineImage[]; width: number }
  | { op: 'classify'; lines: LineImage[] };

/** What a model thread opens: every network, or the recogniser alone (a recognition lane). */
export type ModelParts = 'all' | 'recogniser';

/** From the skill's thread to the model thread. */
export type ToModelThread =
  | { type: 'open'; files: OcrModelFiles; parts: ModelParts }
  | { type: 'load' }
  | ({ type: 'request'; id: number } & ModelRequest)
  | { type: 'cancel'; id: number }
  | { type: 'unload' };

/** An error as it crosses back: an `MmskillsError`'s code where it had one. */
export interface CrossedError {
  message: string;
  code?: string;
  aborted?: boolean;
}

/** Which open network's rewritten graph came from the model cache. */
export type RewriteCaches = Partial<Record<OcrPart, RewriteCacheOutcome>>;

/** From the model thread to the skill's thread. */
export type FromModelThread =
  | { type: 'loaded'; rewriteCaches: RewriteCaches }
  | { type: 'load-failed'; error: CrossedError }
  | { type: 'done'; id: number; result: unknown; rewriteCaches: RewriteCaches }
  | { type: 'failed'; id: number; error: CrossedError }
  | { type: 'unloaded' };
