import { describe, expect, it } from 'vitest';
import { decodePoses, type PoseFrame } from './decode-poses.js';

// A 200×100 image letterboxed into 256×256: scale 1.28, 64 px of padding above and below.
const frame: PoseFrame = {
  inputWidth: 256,
  inputHeight: 256,
  letterbox: { scale: 1.28, padX: 0, padY: 64 },
  width: 200,
  height: 100,
};

/** A row whose keypoint i sits at input fraction (x, y) = (0.1 + 0.04 i, 0.5) with score s(i). */
function keypoints(score: (i: number) => number): number[] {
  return Array.from({ length: 17 }, (_, i) => [0.5, 0.1 + 0.04 * i, score(i)]).flat();
}

describe('decodePoses', () => {
  it('reads multi-pose rows, keeps people above the score, best first, mapped to the image', () => {
    const weak = [...keypoints(() => 0.9), 0.25, 0, 0.75, 1, 0.2];
    const strong = [...keypoints(() => 0.8), 0.25, 0, 0.75, 1, 0.6];
    const people = decodePoses(Float32Array.from([...weak, ...strong]), frame, 0.3);
    expect(people).toHaveLength(1);
    const [person] = people;
    expect(person?.score).toBeCloseTo(0.6, 6);
    // y 0.25 → (64 − 64) / 1.28 = 0; y 0.75 → (192 − 64) / 1.28 / 100 = 1.
    expect(person?.box.map((v) => Number(v.toFixed(6)))).toEqual([0, 0, 1, 1]);
    expect(person?.keypoints[0]).toMatchObject({ name: 'nose', score: expect.closeTo(0.8, 6) });
    expect(person?.keypoints[0]?.x).toBeCloseTo((0.1 * 256) / 1.28 / 200, 6);
    expect(person?.keypoints[0]?.y).toBeCloseTo(0.5, 6);
    expect(person?.keypoints[16]?.name).toBe('right_ankle');
  });

  it('scores single-pose output by its mean keypoint score and boxes the sure keypoints', () => {
    const single = Float32Array.from(keypoints((i) => (i < 5 ? 0.9 : 0.1)));
    const [person, ...rest] = decodePoses(single, frame, 0.3);
    expect(rest).toEqual([]);
    expect(person?.score).toBeCloseTo((5 * 0.9 + 12 * 0.1) / 17, 6);
    expect(person?.box[0]).toBeCloseTo((0.1 * 256) / 1.28 / 200, 6);
    expect(person?.box[2]).toBeCloseTo((0.26 * 256) / 1.28 / 200, 6);
    expect(decodePoses(single, frame, 0.5)).toEqual([]);
  });
});
