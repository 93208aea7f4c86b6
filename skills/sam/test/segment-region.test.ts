import { connectInMemory, imageBlocks, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSamSkill, type SegmentRegionOutput } from '../src/index.js';
import { dataUri, HEIGHT, scenePng, tinySamFolder, WIDTH } from './pictures.js';

const image = dataUri(await scenePng());
const { dir } = await tinySamFolder();

async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => [
    ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x + 1) * info.channels),
  ];
  return { info, at };
}

// The tiny decoder's region scaled back from its 64-px input: 160 / 64 = 2.5 image pixels per model
// pixel, so a box is exact to about a pixel; bilinear scaling rounds each corner off by ~10 pixels.
function expectMask(mask: SegmentRegionOutput['masks'][number] | undefined, box: number[], score: number) {
  expect(mask).toBeDefined();
  const [x1, y1, x2, y2] = box as [number, number, number, number];
  for (const [i, value] of (mask?.box_pixels ?? []).entries()) {
    expect(Math.abs(value - (box[i] ?? 0))).toBeLessThanOrEqual(1);
  }
  const area = (x2 - x1) * (y2 - y1);
  expect(mask?.area).toBeLessThanOrEqual(area);
  expect(mask?.area).toBeGreaterThanOrEqual(area - 50);
  expect(mask?.area_fraction).toBeCloseTo((mask?.area ?? 0) / (WIDTH * HEIGHT), 4);
  expect(mask?.box).toEqual(
    (mask?.box_pixels ?? []).map((v, i) => Number((v / (i % 2 ? HEIGHT : WIDTH)).toFixed(4))),
  );
  expect(mask?.score).toBe(score);
}

const skill = createSamSkill({ model: dir });

describe('segment_region on the tiny SAM', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connectInMemory(skill);
  });

  it('masks a box prompt at the image size, with a cut-out of exactly the box', async () => {
    const result = await client.callTool({
      name: 'segment_region',
      arguments: { image, boxes: [[0.25, 0.25, 0.75, 0.75]] },
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const output = result.structuredContent as SegmentRegionOutput;
    expect(output).toMatchObject({ count: 1, width: WIDTH, height: HEIGHT });
    expectMask(output.masks[0], [40, 30, 120, 90], 0.9);
    const [mask, cutout, drawn] = imageBlocks(result);
    expect(imageBlocks(result)).toHaveLength(3);

    const maskPixels = await pixels(mask?.data ?? Buffer.alloc(0));
    expect([maskPixels.info.width, maskPixels.info.height]).toEqual([WIDTH, HEIGHT]);
    expect(maskPixels.at(80, 60)[0]).toBe(255);
    expect(maskPixels.at(40, 60)[0]).toBe(255);
    expect(maskPixels.at(80, 30)[0]).toBe(255);
    expect(maskPixels.at(39, 60)[0]).toBe(0);
    expect(maskPixels.at(10, 10)[0]).toBe(0);
    expect(maskPixels.at(125, 95)[0]).toBe(0);

    const [bx1, by1, bx2, by2] = output.masks[0]?.box_pixels ?? [];
    const cut = await pixels(cutout?.data ?? Buffer.alloc(0));
    expect([cut.info.width, cut.info.height, cut.info.channels]).toEqual([
      (bx2 ?? 0) - (bx1 ?? 0),
      (by2 ?? 0) - (by1 ?? 0),
      4,
    ]);
    // The block's orange, opaque, and the blue column at x = 80 in image pixels.
    expect(cut.at(10, 10)).toEqual([0xf0, 0x80, 0x20, 255]);
    expect(cut.at(80 - (bx1 ?? 0), 20)).toEqual([0, 0, 255, 255]);

    const overlay = await pixels(drawn?.data ?? Buffer.alloc(0));
    expect([overlay.info.width, overlay.info.height]).toEqual([WIDTH, HEIGHT]);
    // Tinted inside the mask, untouched far outside it.
    expect(overlay.at(60, 60)).not.toEqual([0xf0, 0x80, 0x20]);
    expect(overlay.at(5, 110)).toEqual([0x80, 0x80, 0x80]);
    expect(textOf(result)).toMatch(/^1 mask of 160×120: mask 1 \(prompt 0\) score 0\.9 box \[/);
    expect(skill.model?.()).toMatchObject({ name: 'user', source: 'user', family: 'sam', loaded: true });
    expect(skill.model?.()).toMatchObject({ boxes: 'corner points (labels 2, 3)' });
  });

  it('masks a picture larger than it hands the processor whole, at the picture size; overlay at 1280', async () => {
    // The scene 16 times over (2560×1920): shrunk to 2048 on its longer side for the processor, the
    // box prompt scaled with it, the mask scaled back up. One model pixel is 40 image pixels here.
    const big = await sharp(await scenePng())
      .resize(WIDTH * 16, HEIGHT * 16, { kernel: 'nearest' })
      .png()
      .toBuffer();
    const result = await client.callTool({
      name: 'segment_region',
      arguments: { image: dataUri(big), boxes: [[0.25, 0.25, 0.75, 0.75]] },
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const output = result.structuredContent as SegmentRegionOutput;
    expect(output).toMatchObject({ count: 1, width: WIDTH * 16, height: HEIGHT * 16 });
    for (const [i, value] of (output.masks[0]?.box_pixels ?? []).entries()) {
      expect(Math.abs(value - ([640, 480, 1920, 1440][i] ?? 0))).toBeLessThanOrEqual(20);
    }
    const mask = await pixels(imageBlocks(result)[0]?.data ?? Buffer.alloc(0));
    expect(mask.at(1280, 960)[0]).toBe(255);
    expect(mask.at(100, 100)[0]).toBe(0);
    // The overlay, only for looking at, is drawn at 1280 on its longer side.
    const overlay = await pixels(imageBlocks(result)[2]?.data ?? Buffer.alloc(0));
    expect([overlay.info.width, overlay.info.height]).toEqual([1280, 960]);
    // Tinted over the mask (the block's middle, off the blue column), untouched far outside it.
    expect(overlay.at(560, 480)).not.toEqual([0xf0, 0x80, 0x20]);
    expect(overlay.at(560, 480)).toEqual(overlay.at(720, 480));
    expect(overlay.at(50, 900)).toEqual([0x80, 0x80, 0x80]);
  });

  it('masks around a foreground point, and one mask per box', async () => {
    const point = await client.callTool({
      name: 'segment_region',
      arguments: { image, points: [{ x: 0.5, y: 0.5, label: 1 }] },
    });
    const output = point.structuredContent as SegmentRegionOutput;
    // The tiny decoder marks 8 model pixels around a point: 20 image pixels each way from (80, 60).
    expectMask(output.masks[0], [60, 40, 100, 80], 0.9);

    const two = await client.callTool({
      name: 'segment_region',
      arguments: {
        image,
        boxes: [
          [0, 0, 0.5, 0.5],
          [0.5, 0.5, 1, 1],
        ],
      },
    });
    const both = two.structuredContent as SegmentRegionOutput;
    expect(both.masks.map((mask) => mask.prompt)).toEqual([0, 1]);
    expect(both.masks[0]?.box_pixels[0]).toBe(0);
    expect(both.masks[1]?.box_pixels[2]).toBe(WIDTH);
    expect(imageBlocks(two)).toHaveLength(5);
  });

  it('returns all three candidate masks best first with multimask', async () => {
    const result = await client.callTool({
      name: 'segment_region',
      arguments: { image, boxes: [[0.25, 0.25, 0.75, 0.75]], multimask: true },
    });
    const { masks, count } = result.structuredContent as SegmentRegionOutput;
    expect(count).toBe(3);
    expect(masks.map((mask) => mask.score)).toEqual([0.9, 0.7, 0.6]);
    // Grown and shrunk by 4 model pixels = 10 image pixels a side.
    expectMask(masks[1], [30, 20, 130, 100], 0.7);
    expectMask(masks[2], [50, 40, 110, 80], 0.6);
    expect(imageBlocks(result)).toHaveLength(7);
  });

  it('finds nothing for background points alone, and says so', async () => {
    const result = await client.callTool({
      name: 'segment_region',
      arguments: { image, points: [{ x: 0.2, y: 0.2, label: 0 }] },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ masks: [], count: 0, width: WIDTH, height: HEIGHT });
    expect(textOf(result)).toBe('No region found for the prompts; 1 prompt mask was empty.');
    expect(imageBlocks(result)).toHaveLength(1);
  });

  it('loads a folder holding only the quantised export', async () => {
    const quantised = await tinySamFolder('q8', '_quantized');
    const other = await connectInMemory(createSamSkill({ model: quantised.dir }));
    const result = await other.callTool({
      name: 'segment_region',
      arguments: { image, boxes: [[0.25, 0.25, 0.75, 0.75]] },
    });
    expectMask((result.structuredContent as SegmentRegionOutput).masks[0], [40, 30, 120, 90], 0.9);
  });
});
