import { describe, expect, it } from 'vitest';
import type { DecodedImage } from './decode.js';
import { toTensor } from './tensor.js';

// 2×2: red, green / blue, (51, 102, 153).
const SQUARE: DecodedImage = {
  data: Buffer.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 51, 102, 153]),
  width: 2,
  height: 2,
  format: 'png',
};

// 4×2 with pixel values 1..24, so every position is recognisable.
const WIDE: DecodedImage = {
  data: Buffer.from(Array.from({ length: 24 }, (_, i) => i + 1)),
  width: 4,
  height: 2,
  format: 'png',
};

function expectClose(actual: Float32Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => {
    expect(actual[i]).toBeCloseTo(value, 5);
  });
}

describe('toTensor', () => {
  it('writes CHW planes with mean and std applied after scaling', async () => {
    const tensor = await toTensor(SQUARE, {
      width: 2,
      height: 2,
      fit: 'stretch',
      layout: 'chw',
      mean: [0.5, 0.5, 0.5],
      std: [0.5, 0.5, 0.5],
    });
    expect(tensor.dims).toEqual([1, 3, 2, 2]);
    expect(tensor.letterbox).toBeUndefined();
    expectClose(tensor.data, [1, -1, -1, -0.6, -1, 1, -1, -0.2, -1, -1, 1, 0.2]);
  });

  it('keeps HWC order and honours scale', async () => {
    const tensor = await toTensor(SQUARE, { width: 2, height: 2, fit: 'stretch', layout: 'hwc', scale: 1 });
    expect(tensor.dims).toEqual([1, 2, 2, 3]);
    expectClose(tensor.data, [...SQUARE.data]);
    const perChannel = await toTensor(SQUARE, {
      width: 2,
      height: 2,
      fit: 'stretch',
      layout: 'hwc',
      scale: 1,
      mean: [0, 100, 200],
      std: [1, 2, 4],
    });
    expectClose(perChannel.data.subarray(9), [51, 1, -11.75]);
  });

  it('stretches with the chosen kernel, ignoring aspect ratio', async () => {
    const tensor = await toTensor(SQUARE, {
      width: 4,
      height: 2,
      fit: 'stretch',
      layout: 'hwc',
      scale: 1,
      kernel: 'nearest',
    });
    expect(tensor.dims).toEqual([1, 2, 4, 3]);
    expectClose(
      tensor.data,
      [255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 51, 102, 153, 51, 102, 153],
    );
  });

  it('letterboxes a wide image with padding rows above and below', async () => {
    const tensor = await toTensor(WIDE, {
      width: 4,
      height: 5,
      fit: 'letterbox',
      layout: 'hwc',
      scale: 1,
      padValue: 114,
    });
    expect(tensor.letterbox).toEqual({ scale: 1, padX: 0, padY: 1 });
    const pad = Array<number>(12).fill(114);
    expectClose(tensor.data, [...pad, ...WIDE.data, ...pad, ...pad]);
  });

  it('letterboxes a tall image with centred padding columns, scaled up', async () => {
    const tall: DecodedImage = {
      data: Buffer.from([10, 10, 10, 20, 20, 20]),
      width: 1,
      height: 2,
      format: 'png',
    };
    const tensor = await toTensor(tall, {
      width: 4,
      height: 4,
      fit: 'letterbox',
      layout: 'chw',
      scale: 1,
      padValue: [1, 2, 3],
      kernel: 'nearest',
    });
    expect(tensor.letterbox).toEqual({ scale: 2, padX: 1, padY: 0 });
    expect(tensor.dims).toEqual([1, 3, 4, 4]);
    const red = [...tensor.data.subarray(0, 16)];
    expect(red).toEqual([1, 10, 10, 1, 1, 10, 10, 1, 1, 20, 20, 1, 1, 20, 20, 1]);
    expect(tensor.data[16]).toBe(2);
    expect(tensor.data[32]).toBe(3);
    // A point at tensor x = 3 (the right edge of the picture) maps back to original x = 1.
    const { scale, padX } = tensor.letterbox ?? { scale: 0, padX: 0 };
    expect((3 - padX) / scale).toBe(1);
  });

  it('normalises the letterbox padding like a pixel', async () => {
    const tensor = await toTensor(WIDE, {
      width: 4,
      height: 4,
      fit: 'letterbox',
      layout: 'chw',
      padValue: 255,
      mean: [0.5, 0.5, 0.5],
      std: [0.25, 0.25, 0.25],
    });
    expect(tensor.data[0]).toBeCloseTo(2, 5);
  });

  it.each([
    [{ width: 0 }, 'width'],
    [{ height: 2.5 }, 'height'],
    [{ std: [1, 0, 1] as const }, 'std'],
  ])('refuses bad options %j', async (override, field) => {
    const options = { width: 2, height: 2, fit: 'stretch' as const, layout: 'hwc' as const, ...override };
    await expect(toTensor(SQUARE, options)).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining(field),
    });
  });

  it('refuses pixel data of the wrong size', async () => {
    const broken = { ...SQUARE, data: Buffer.alloc(5) };
    await expect(
      toTensor(broken, { width: 2, height: 2, fit: 'stretch', layout: 'hwc' }),
    ).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });
});
