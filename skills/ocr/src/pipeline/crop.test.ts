import { describe, expect, it } from 'vitest';
import { cropLine } from './crop.js';
import { rotate180 } from './line-image.js';

/** A 40 × 30 image whose red channel is x and green channel is y. */
function coordinateImage() {
  const width = 40;
  const height = 30;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([x, y, 0], (y * width + x) * 3);
  }
  return { data, width, height, format: 'png' };
}

const pixel = (line: { data: Uint8Array; width: number }, x: number, y: number) => [
  line.data[(y * line.width + x) * 3],
  line.data[(y * line.width + x) * 3 + 1],
];

describe('cropLine', () => {
  it('cuts an axis-aligned box pixel for pixel', () => {
    const line = cropLine(coordinateImage(), [
      [5, 10],
      [25, 10],
      [25, 18],
      [5, 18],
    ]);
    expect([line.width, line.height]).toEqual([20, 8]);
    expect(pixel(line, 0, 0)).toEqual([5, 10]);
    expect(pixel(line, 19, 7)).toEqual([24, 17]);
  });

  it('adds the margin above and below the line', () => {
    const line = cropLine(
      coordinateImage(),
      [
        [5, 10],
        [25, 10],
        [25, 20],
        [5, 20],
      ],
      0.2,
    );
    expect([line.width, line.height]).toEqual([20, 14]);
    expect(pixel(line, 0, 0)).toEqual([5, 8]);
  });

  it('adds the end margin before and after the line, along its direction', () => {
    const box = [
      [10, 10],
      [30, 10],
      [30, 20],
      [10, 20],
    ] as const;
    const line = cropLine(coordinateImage(), box, 0.2, 0.3);
    expect([line.width, line.height]).toEqual([26, 14]);
    expect(pixel(line, 0, 0)).toEqual([7, 8]);
    expect(pixel(line, 25, 13)).toEqual([32, 21]);
    const upright = cropLine(
      coordinateImage(),
      [
        [10, 2],
        [16, 2],
        [16, 26],
        [10, 26],
      ],
      0,
      0.5,
    );
    // Along a vertical line the margin is half its width (6 px) at the top and at the bottom.
    expect([upright.width, upright.height]).toEqual([30, 6]);
  });

  it('turns a tall box a quarter counter-clockwise, so text read downwards lies upside down', () => {
    const line = cropLine(coordinateImage(), [
      [10, 2],
      [16, 2],
      [16, 26],
      [10, 26],
    ]);
    expect([line.width, line.height]).toEqual([24, 6]);
    // The box's top-right corner ends up top-left; its bottom-left, bottom-right.
    expect(pixel(line, 0, 0)).toEqual([15, 2]);
    expect(pixel(line, 23, 5)).toEqual([10, 25]);
    expect(pixel(rotate180(line), 0, 0)).toEqual([10, 25]);
  });
});
