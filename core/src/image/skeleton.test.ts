import { describe, expect, it } from 'vitest';
import { COCO_KEYPOINTS, COCO_SKELETON, skeletonEdges } from './skeleton.js';

describe('skeletonEdges', () => {
  it('applies the COCO skeleton to every run of 17 keypoints', () => {
    expect(COCO_KEYPOINTS).toHaveLength(17);
    const edges = skeletonEdges('coco', 34);
    expect(edges).toHaveLength(2 * COCO_SKELETON.length);
    expect(edges[COCO_SKELETON.length]).toEqual([17, 18]);
    expect(skeletonEdges(undefined, 5)).toEqual([]);
  });

  it('keeps explicit edges with their colours and refuses ones past the keypoints', () => {
    expect(skeletonEdges([[0, 1, 'red']], 2)).toEqual([[0, 1, 'red']]);
    expect(() => skeletonEdges([[0, 3]], 1)).toThrow(
      /skeleton edge \[0, 3\] names a keypoint that does not exist \(1 keypoints, indices 0–0\)/,
    );
    expect(() => skeletonEdges('coco', 5)).toThrow(/17 keypoints per person, but 5 were given/);
  });
});
