import { describe, expect, it } from 'vitest';
import { decoderPoints, toPrompts } from './prompts.js';

describe('toPrompts', () => {
  it('makes one prompt per box, each with every point, in pixels', () => {
    const prompts = toPrompts(
      {
        boxes: [
          [0.1, 0.2, 0.5, 0.6],
          [0.5, 0.5, 1, 1],
        ],
        points: [{ x: 0.25, y: 0.5, label: 0 }],
      },
      200,
      100,
    );
    expect(prompts).toEqual([
      { box: [20, 20, 100, 60], points: [{ x: 50, y: 50, label: 0 }] },
      { box: [100, 50, 200, 100], points: [{ x: 50, y: 50, label: 0 }] },
    ]);
  });

  it('makes one prompt of all the points when there is no box, and none from nothing', () => {
    const points = [
      { x: 0.5, y: 0.5, label: 1 as const },
      { x: 0.1, y: 0.1, label: 0 as const },
    ];
    expect(toPrompts({ points }, 10, 20)).toEqual([
      {
        points: [
          { x: 5, y: 10, label: 1 },
          { x: 1, y: 2, label: 0 },
        ],
      },
    ]);
    expect(toPrompts({}, 10, 20)).toEqual([]);
  });
});

describe('decoderPoints', () => {
  const prompt = {
    box: [1, 2, 3, 4] as [number, number, number, number],
    points: [{ x: 5, y: 6, label: 1 as const }],
  };

  it('sends a box as its corners labelled 2 and 3, ahead of the points', () => {
    expect(decoderPoints(prompt, false)).toEqual({
      points: [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      labels: [2, 3, 1],
    });
  });

  it('leaves the box out when the decoder takes boxes itself', () => {
    expect(decoderPoints(prompt, true)).toEqual({ points: [[5, 6]], labels: [1] });
  });
});
