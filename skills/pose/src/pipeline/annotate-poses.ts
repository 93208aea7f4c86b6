import {
  COCO_KEYPOINTS,
  COCO_SKELETON,
  type CocoKeypoint,
  type Rgb,
  type SkeletonEdge,
} from '@mmskills/core';
import { type DecodedImage, drawAnnotations } from '@mmskills/image';
import type { ToolImage } from '@mmskills/skill-kit';
import type { Pose } from './decode-poses.js';

// Long side of the annotated picture: enough to see a pose, small enough for a model's context.
const MAX_SIDE = 1280;
const BOX: Rgb = [0, 230, 64];

type Side = 'left' | 'right' | 'centre';
const SIDE_COLOURS: Record<Side, Rgb> = {
  left: [0, 170, 255],
  right: [255, 140, 0],
  centre: [255, 230, 0],
};

function sideOf(name: CocoKeypoint): Side {
  if (name.startsWith('left_')) return 'left';
  if (name.startsWith('right_')) return 'right';
  return 'centre';
}

// A bone across the body (shoulders, hips) is central; one from the nose takes its other end's side.
const BONES = COCO_SKELETON.map(([a, b]) => {
  const [from, to] = [sideOf(COCO_KEYPOINTS[a] ?? 'nose'), sideOf(COCO_KEYPOINTS[b] ?? 'nose')];
  const side = from === to || to === 'centre' ? from : from === 'centre' ? to : 'centre';
  return [a, b, SIDE_COLOURS[side]] as const;
});

/**
 * The image (long side at most 1280 px) with each person's box and "person <score>" caption, and
 * the bones and keypoints scored at least `minScore` (person's left in blue, right in orange), as JPEG.
 */
export async function annotatePoses(
  image: DecodedImage,
  people: readonly Pose[],
  minScore: number,
): Promise<ToolImage> {
  const skeleton: SkeletonEdge[] = [];
  let offset = 0;
  for (const person of people) {
    const count = person.keypoints.length;
    for (const [a, b, colour] of BONES) {
      if (a < count && b < count) skeleton.push([a + offset, b + offset, colour]);
    }
    offset += count;
  }
  const { data, mimeType } = await drawAnnotations(
    image,
    {
      boxes: people.map((person) => ({ box: person.box, label: 'person', score: person.score, color: BOX })),
      keypoints: people.flatMap((person) =>
        person.keypoints.map((point) => ({ ...point, color: SIDE_COLOURS[sideOf(point.name)] })),
      ),
      skeleton,
      minScore,
      maxSide: MAX_SIDE,
    },
    'jpeg',
    85,
  );
  return { data, mimeType };
}
