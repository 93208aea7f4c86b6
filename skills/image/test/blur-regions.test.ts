import { photoPath } from '@mmskills/core/testing';
import { connectInMemory, imageBlocks } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageSkill } from '../src/index.js';
import { dataUri, ENV, pixelsOf, quadrantsPng } from './pictures.js';

describe('blur_regions', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connectInMemory(imageSkill, ENV);
  });

  it('changes pixels inside the box and leaves every pixel outside bit-identical', async () => {
    const png = await quadrantsPng();
    const original = await pixelsOf(png);
    const result = await client.callTool({
      name: 'blur_regions',
      arguments: { image: dataUri(png), boxes: [[0.3, 0.2, 0.7, 0.8]], strength: 4 },
    });
    expect(result.structuredContent).toEqual({ width: 100, height: 50, regions: [[30, 10, 70, 40]] });
    const blurred = await pixelsOf(imageBlocks(result)[0]?.data ?? Buffer.alloc(0));
    let changedInside = 0;
    for (let y = 0; y < 50; y += 1) {
      for (let x = 0; x < 100; x += 1) {
        const inside = x >= 30 && x < 70 && y >= 10 && y < 40;
        const same = blurred.at(x, y).join() === original.at(x, y).join();
        if (inside && !same) changedInside += 1;
        if (!inside) expect(same, `(${x}, ${y}) outside the box changed`).toBe(true);
      }
    }
    // The quadrant borders cross the box, so blurring mixes colours near them.
    expect(changedInside).toBeGreaterThan(300);
    expect(blurred.at(50, 25)).not.toEqual(original.at(50, 25));
  });

  it('blurs the astronaut’s face and nothing else', async () => {
    const face = [0.3, 0.05, 0.6, 0.35];
    const result = await client.callTool({
      name: 'blur_regions',
      arguments: { image: photoPath('astronaut'), boxes: [face] },
    });
    expect(result.structuredContent).toMatchObject({ regions: [[153, 25, 308, 180]] });
    const blurred = await pixelsOf(imageBlocks(result)[0]?.data ?? Buffer.alloc(0));
    const original = await sharp(photoPath('astronaut')).removeAlpha().raw().toBuffer();
    const row = (data: Buffer, y: number) => data.subarray(y * 512 * 3, (y + 1) * 512 * 3);
    expect(row(blurred.data, 300).equals(row(original, 300))).toBe(true);
    // Sharp detail (the eyes and mouth) is gone: neighbouring pixels inside differ far less than before.
    const roughness = (data: Buffer) => {
      let sum = 0;
      for (let y = 60; y < 160; y += 1) {
        for (let x = 180; x < 280; x += 1)
          sum += Math.abs((data[(y * 512 + x) * 3] ?? 0) - (data[(y * 512 + x + 1) * 3] ?? 0));
      }
      return sum;
    };
    expect(roughness(blurred.data)).toBeLessThan(roughness(original) / 3);
  });
});
