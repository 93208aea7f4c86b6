import type { AnyBox, DecodedImage, ModelStatus } from '@mmskills/core';

/** One raw detection: a class index into the detector's labels, a score, and a box normalised 0..1. */
export interface Candidate {
  classIndex: number;
  score: number;
  box: AnyBox;
}

/** An object detector as the tool sees it: its label names and a way to run it on an image. */
export interface Detector {
  /** Loads the model (once) and returns its label names, index = class index. */
  labels(): Promise<readonly string[]>;
  /** Candidates scoring at least `minScore`, before non-maximum suppression. */
  detect(image: DecodedImage, minScore: number): Promise<Candidate[]>;
  /** Loads the model now (for `--preload`). */
  load(): Promise<void>;
  /** What `/health` reports about the model. */
  status(): ModelStatus;
}

/**
 * A promise-returning loader that runs once and keeps its result; a failure is forgotten so the
 * next call tries again (a user may fix a model file while the server runs).
 */
export function once<T>(load: () => Promise<T>): { get(): Promise<T>; loaded(): boolean } {
  let pending: Promise<T> | undefined;
  let done = false;
  return {
    get() {
      if (pending === undefined) {
        const attempt = load().then((value) => {
          done = true;
          return value;
        });
        attempt.catch(() => {
          if (pending === attempt) pending = undefined;
        });
        pending = attempt;
      }
      return pending;
    },
    loaded: () => done,
  };
}
