import type { AnyBox } from '@mmskills/core';
import type { DecodedImage } from '@mmskills/image';
import type { ModelStatus } from '@mmskills/skill-kit';

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
  /** Lets the model go (the idle unload); the next call loads it again. */
  unload(): Promise<void>;
  /** What `/health` reports about the model. */
  status(): ModelStatus;
}
