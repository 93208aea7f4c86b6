import { type AnyBox, COCO_KEYPOINTS, type CocoKeypoint } from '@mmskills/core';
import type { Letterbox } from '@mmskills/image';

/** One keypoint in fractions of the image (not clamped), with MoveNet's confidence. */
export interface Keypoint {
  name: CocoKeypoint;
  x: number;
  y: number;
  score: number;
}

/** One person: a box in fractions of the image (not clamped), a score, and all 17 keypoints. */
export interface Pose {
  box: AnyBox;
  score: number;
  keypoints: Keypoint[];
}

/** Where the image sits in the model input: input pixels = image pixels × scale + pad. */
export interface PoseFrame {
  inputWidth: number;
  inputHeight: number;
  letterbox: Letterbox;
  width: number;
  height: number;
}

const KEYPOINT_VALUES = COCO_KEYPOINTS.length * 3;
// Multi-pose rows are 17 × (y, x, score), then the person's box (ymin, xmin, ymax, xmax) and score.
const MULTI_POSE_ROW = KEYPOINT_VALUES + 5;

function mapper(frame: PoseFrame) {
  const { inputWidth, inputHeight, letterbox, width, height } = frame;
  return {
    x: (fraction: number) => (fraction * inputWidth - letterbox.padX) / letterbox.scale / width,
    y: (fraction: number) => (fraction * inputHeight - letterbox.padY) / letterbox.scale / height,
  };
}

function keypointsOf(row: Float32Array, frame: PoseFrame): Keypoint[] {
  const map = mapper(frame);
  return COCO_KEYPOINTS.map((name, i) => ({
    name,
    y: map.y(row[3 * i] ?? 0),
    x: map.x(row[3 * i + 1] ?? 0),
    score: row[3 * i + 2] ?? 0,
  }));
}

/** The extent of the keypoints scored at least `minScore` (all of them when none is). */
function keypointBox(keypoints: Keypoint[], minScore: number): AnyBox {
  const sure = keypoints.filter((k) => k.score >= minScore);
  const used = sure.length > 0 ? sure : keypoints;
  const xs = used.map((k) => k.x);
  const ys = used.map((k) => k.y);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/**
 * Decodes MoveNet output into people scored at least `minScore`, best first. Multi-pose output
 * ([1, N, 56]) carries a score and box per person; single-pose output ([1, 1, 17, 3]) is one
 * person whose score is the mean keypoint score and whose box spans the keypoints.
 */
export function decodePoses(output: Float32Array, frame: PoseFrame, minScore: number): Pose[] {
  if (output.length === KEYPOINT_VALUES) {
    const keypoints = keypointsOf(output, frame);
    const score = keypoints.reduce((sum, k) => sum + k.score, 0) / keypoints.length;
    return score >= minScore ? [{ box: keypointBox(keypoints, minScore), score, keypoints }] : [];
  }
  const map = mapper(frame);
  const people: Pose[] = [];
  for (let at = 0; at + MULTI_POSE_ROW <= output.length; at += MULTI_POSE_ROW) {
    const row = output.subarray(at, at + MULTI_POSE_ROW);
    const score = row[KEYPOINT_VALUES + 4] ?? 0;
    if (score < minScore) continue;
    const [ymin = 0, xmin = 0, ymax = 0, xmax = 0] = row.subarray(KEYPOINT_VALUES, KEYPOINT_VALUES + 4);
    people.push({
      box: [map.x(xmin), map.y(ymin), map.x(xmax), map.y(ymax)],
      score,
      keypoints: keypointsOf(row, frame),
    });
  }
  return people.sort((a, b) => b.score - a.score);
}
