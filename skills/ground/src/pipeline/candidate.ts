import type { AnyBox } from '@mmskills/core';
import type { DecodedImage } from '@mmskills/image';

/** One region the model matched to a phrase: its score and box as fractions (0..1) of the image. */
export interface Candidate {
  phrase: string;
  score: number;
  box: AnyBox;
}

/** A loaded grounding model, whatever its family. */
export interface GroundingModel {
  /** Every region scoring above `threshold` for one of `phrases`, before non-maximum suppression. */
  find(image: DecodedImage, phrases: readonly string[], threshold: number): Promise<Candidate[]>;
  /** Releases its onnxruntime sessions (the idle unload). */
  dispose(): Promise<void>;
}
