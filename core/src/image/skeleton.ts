import { MmskillsError, MmskillsErrorCode } from '../errors.js';
import type { Colour } from './colour.js';

/**
 * The 17 COCO keypoints in the order MoveNet and most pose models emit them: nose, eyes, ears,
 * shoulders, elbows, wrists, hips, knees, ankles (left before right; left and right are the person's own).
 */
export const COCO_KEYPOINTS = [
  'nose',
  'left_eye',
  'right_eye',
  'left_ear',
  'right_ear',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
] as const;
export type CocoKeypoint = (typeof COCO_KEYPOINTS)[number];

/** The limbs joining the {@link COCO_KEYPOINTS}, as pairs of indices into them. */
export const COCO_SKELETON: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [0, 2],
  [1, 3],
  [2, 4],
  [5, 6],
  [5, 7],
  [7, 9],
  [6, 8],
  [8, 10],
  [5, 11],
  [6, 12],
  [11, 12],
  [11, 13],
  [13, 15],
  [12, 14],
  [14, 16],
];

/** A line between two keypoints, by index, optionally in its own colour. */
export type SkeletonEdge = readonly [number, number] | readonly [number, number, Colour];

/** Lines between keypoints: explicit edges, or `coco` for {@link COCO_SKELETON} on every run of 17. */
export type Skeleton = 'coco' | readonly SkeletonEdge[];

/**
 * The lines to draw between `count` keypoints: explicit edges, checked, or `coco` applied to every
 * run of 17 keypoints (one run per person).
 * @throws MmskillsError `invalid_argument` for an index past the keypoints or a count that is not 17 × people.
 */
export function skeletonEdges(skeleton: Skeleton | undefined, count: number): SkeletonEdge[] {
  if (skeleton === undefined) return [];
  if (skeleton === 'coco') {
    if (count % 17 !== 0) {
      throw new MmskillsError(
        MmskillsErrorCode.InvalidArgument,
        `skeleton "coco" needs 17 keypoints per person, but ${count} were given`,
      );
    }
    return Array.from({ length: count / 17 }, (_, person) =>
      COCO_SKELETON.map(([a, b]) => [a + 17 * person, b + 17 * person] as const),
    ).flat();
  }
  const outside = skeleton.find(([a, b]) => !(a < count && b < count && a >= 0 && b >= 0));
  if (outside) {
    throw new MmskillsError(
      MmskillsErrorCode.InvalidArgument,
      `skeleton edge [${outside[0]}, ${outside[1]}] names a keypoint that does not exist (${count} keypoints, indices 0–${count - 1})`,
    );
  }
  return [...skeleton];
}
