import { describe, expect, it } from 'vitest';
import { decodeDetections } from './decode-detections.js';

describe('decodeDetections', () => {
  const anchors: Array<[number, number]> = [
    [16, 16],
    [48, 16],
  ];
  const regressors = new Float32Array(32);
  // Second anchor: centre moved by (+2, +4), a 20×10 box, right eye 5 px left of the centre.
  regressors.set([2, 4, 20, 10, -5, 0], 16);
  const output = { logits: Float32Array.from([-3, 2]), regressors };

  it('keeps rows above the score and maps them back through the letterbox', () => {
    // A 128×64 image letterboxed into 64×64: scale 0.5, 16 px of padding above.
    const frame = { letterbox: { scale: 0.5, padX: 0, padY: 16 }, width: 128, height: 64 };
    const [face, ...rest] = decodeDetections(output, anchors, frame, 0.5);
    expect(rest).toEqual([]);
    expect(face?.score).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    const box = face?.box ?? [];
    // x: (50 ± 10) / 0.5 / 128; y: (20 ± 5 − 16) / 0.5 / 64.
    expect(box[0]).toBeCloseTo(80 / 128, 6);
    expect(box[2]).toBeCloseTo(120 / 128, 6);
    expect(box[1]).toBeCloseTo(-2 / 64, 6);
    expect(box[3]).toBeCloseTo(18 / 64, 6);
    expect(face?.keypoints).toHaveLength(6);
    expect(face?.keypoints[0]?.[0]).toBeCloseTo(86 / 128, 6);
    expect(face?.keypoints[0]?.[1]).toBeCloseTo(0, 6);
  });

  it('returns nothing when every score is below the threshold', () => {
    const frame = { letterbox: { scale: 1, padX: 0, padY: 0 }, width: 64, height: 64 };
    expect(decodeDetections(output, anchors, frame, 0.9)).toEqual([]);
  });
});
