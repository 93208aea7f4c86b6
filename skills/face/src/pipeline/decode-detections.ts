import type { AnyBox } from '@mmskills/core';
import type { Letterbox } from '@mmskills/image';

/** BlazeFace's raw predictions, one row per anchor: a logit, and 16 regressors per row. */
export interface DetectorOutput {
  logits: Float32Array;
  /** Per anchor: centre offset x, y, width, height, then six keypoint offsets (x, y), in input pixels. */
  regressors: Float32Array;
}

/** How the image was placed into the detector's square input. */
export interface DetectorFrame {
  letterbox: Letterbox;
  width: number;
  height: number;
}

/** A face the detector proposes, in fractions of the image (not clamped). */
export interface FaceCandidate {
  box: AnyBox;
  score: number;
  /** Six points in BlazeFace order: right eye, left eye, nose, mouth, right ear, left ear. */
  keypoints: Array<[number, number]>;
}

const REGRESSORS = 16;
export const KEYPOINT_COUNT = 6;

function sigmoid(logit: number): number {
  // MediaPipe clips raw scores to ±100 before the sigmoid; it also keeps exp() finite.
  return 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, logit))));
}

/**
 * Turns raw BlazeFace rows into candidates above `minScore`, mapped from the letterboxed input back
 * to fractions of the original image. Overlapping candidates are left for NMS.
 */
export function decodeDetections(
  output: DetectorOutput,
  anchors: ReadonlyArray<readonly [number, number]>,
  frame: DetectorFrame,
  minScore: number,
): FaceCandidate[] {
  const { letterbox, width, height } = frame;
  const toX = (px: number) => (px - letterbox.padX) / letterbox.scale / width;
  const toY = (px: number) => (px - letterbox.padY) / letterbox.scale / height;
  const candidates: FaceCandidate[] = [];
  anchors.forEach(([ax, ay], i) => {
    const score = sigmoid(output.logits[i] ?? Number.NEGATIVE_INFINITY);
    if (score < minScore) return;
    const row = output.regressors.subarray(i * REGRESSORS, (i + 1) * REGRESSORS);
    const at = (k: number) => row[k] ?? 0;
    const cx = ax + at(0);
    const cy = ay + at(1);
    const halfW = at(2) / 2;
    const halfH = at(3) / 2;
    const keypoints: Array<[number, number]> = [];
    for (let k = 0; k < KEYPOINT_COUNT; k++) {
      keypoints.push([toX(ax + at(4 + 2 * k)), toY(ay + at(5 + 2 * k))]);
    }
    candidates.push({
      box: [toX(cx - halfW), toY(cy - halfH), toX(cx + halfW), toY(cy + halfH)],
      score,
      keypoints,
    });
  });
  return candidates;
}
