import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { processorSide, shrunkForModel } from './shrink-for-model.js';

const solid = async (width: number, height: number) => ({
  data: await sharp({ create: { width, height, channels: 3, background: '#e01010' } })
    .raw()
    .toBuffer(),
  width,
  height,
  format: 'png',
});

describe('shrunkForModel', () => {
  it('shrinks a large picture, aspect kept, to twice the input side on its shorter side', async () => {
    const shrunk = await shrunkForModel(await solid(3000, 2000), 224);
    expect([shrunk.width, shrunk.height, shrunk.format]).toEqual([672, 448, 'png']);
    expect(shrunk.data.length).toBe(672 * 448 * 3);
    expect([...shrunk.data.subarray(0, 3)]).toEqual([0xe0, 0x10, 0x10]);
  });

  it('hands a picture already that small over as it is', async () => {
    const image = await solid(900, 448);
    expect(await shrunkForModel(image, 224)).toBe(image);
  });
});

describe('processorSide', () => {
  it('is the largest of the size and crop size, on the processor or its image processor', () => {
    expect(processorSide({ size: { shortest_edge: 224 }, crop_size: { height: 224, width: 224 } }, 1)).toBe(
      224,
    );
    expect(processorSide({ image_processor: { size: { height: 768, width: 768 } } }, 1)).toBe(768);
    expect(processorSide({}, 384)).toBe(384);
  });
});
