import type { RewriteCacheOutcome } from '@mmskills/models';
import type { DetectorInput } from '../pipeline/detect.js';
import type { LineImage } from '../pipeline/line-image.js';
import type { OcrModelFiles, OcrPart } from '../pipeline/model-files.js';

/** A request to the model thread: one network's part of a page ({@link OcrEngine}). */
export type ModelRequest =
  | { op: 'detect'; input: DetectorInput }
  | { op: 'recognize'; lines: LineImage[] }
  | { op: 'classify'; lines: LineImage[] };

/** From the skill's thread to the model thread. */
export type ToModelThread =
  | { type: 'open'; files: OcrModelFiles }
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
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'done'; id: number; result: unknown; rewriteCaches: RewriteCaches }
  | { type: 'failed'; id: number; error: CrossedError }
  | { type: 'unloaded' };
