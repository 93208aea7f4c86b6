import { COCO_KEYPOINTS } from '@mmskills/core/skeleton';
import { describe, expect, it } from 'vitest';
import { type PointSet, pointsIn } from './points.js';

function person(score: (name: string, index: number) => number) {
  return {
    box: [0.2, 0.1, 0.8, 0.9],
    score: 0.9,
    keypoints: COCO_KEYPOINTS.map((name, index) => ({
      name,
      x: 0.3 + index / 100,
      y: 0.1 + index / 30,
      score: score(name, index),
    })),
  };
}

const lineNames = (set: PointSet | undefined) => set?.lines.map(([a, b]) => `${a.name}-${b.name}`);

describe('the points drawn over a picture', () => {
  it('keeps the keypoints a pose skill is sure of, joined by the COCO limbs between them', () => {
    const upperBody = (name: string) => (/hip|knee|ankle/.test(name) ? 0.1 : 0.8);
    const [pose] = pointsIn({ people: [person(upperBody)] });
    expect(pose?.kind).toBe('pose');
    expect(pose?.label).toBe('person 1');
    expect(pose?.points.map((p) => p.name)).toEqual(COCO_KEYPOINTS.slice(0, 11));
    expect(pose?.points[0]).toEqual({ name: 'nose', x: 0.3, y: 0.1 });
    expect(lineNames(pose)).toEqual([
      'nose-left_eye',
      'nose-right_eye',
      'left_eye-left_ear',
      'right_eye-right_ear',
      'left_shoulder-right_shoulder',
      'left_shoulder-left_elbow',
      'left_elbow-left_wrist',
      'right_shoulder-right_elbow',
      'right_elbow-right_wrist',
    ]);
  });

  it("follows the action's min_score, and draws every point of a whole pose", () => {
    const [pose] = pointsIn({ people: [person(() => 0.2)] }, 0.1);
    expect(pose?.points).toHaveLength(17);
    expect(pose?.lines).toHaveLength(16);
    expect(pointsIn({ people: [person(() => 0.2)] })).toEqual([]);
  });

  it('draws no limbs for keypoints that are not the COCO 17 in order', () => {
    const shuffled = person(() => 0.9);
    shuffled.keypoints.reverse();
    const [pose] = pointsIn({ people: [shuffled, { keypoints: [{ name: 'tip', x: 0.5, y: 0.5 }] }] });
    expect(pose?.points).toHaveLength(17);
    expect(pose?.lines).toEqual([]);
    expect(pointsIn({ people: [{ keypoints: [{ name: 'tip', x: 0.5, y: 0.5 }] }] })[0]?.label).toBe(
      'person 1',
    );
  });

  it("marks faces' landmarks, and skips points outside the picture or of the wrong shape", () => {
    const found = pointsIn({
      faces: [
        {
          box: [0.3, 0.1, 0.5, 0.3],
          landmarks: [
            { name: 'left_eye', x: 0.45, y: 0.2 },
            { name: 'nose', x: 1.5, y: 0.2 },
            { name: 'mouth', x: '0.4', y: 0.3 },
          ],
        },
        { box: [0, 0, 0.1, 0.1] },
      ],
      people: 'nobody',
    });
    expect(found).toEqual([
      { kind: 'landmarks', label: 'face 1', points: [{ name: 'left_eye', x: 0.45, y: 0.2 }], lines: [] },
    ]);
    expect(pointsIn(null)).toEqual([]);
    expect(pointsIn({ people: [null, { keypoints: 'x' }] })).toEqual([]);
  });
});
