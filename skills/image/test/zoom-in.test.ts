import { connectInMemory, imageBlocks, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageSkill } from '../src/index.js';
import { ZoomInOutputSchema } from '../src/tools/zoom-in.js';
import { dataUri, ENV, pixelsOf, RED } from './pictures.js';

const GREY = [128, 128, 128];

/** 200×100 grey with a 20×20 red square at pixels [120, 40, 140, 60), normalised [0.6, 0.4, 0.7, 0.6]. */
async function squarePng(width = 200, height = 100): Promise<Buffer> {
  const square = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#808080' } })
    .composite([{ input: square, left: 120, top: 40 }])
    .png()
    .toBuffer();
}

describe('zoom_in', () => {
  let client: Client;
  let square: string;
  beforeAll(async () => {
    client = await connectInMemory(imageSkill, ENV);
    // Listing first makes the SDK client check every structuredContent against the tool's outputSchema.
    const { tools } = await client.listTools();
    expect(tools.find((tool) => tool.name === 'zoom_in')?.outputSchema?.required).toEqual(
      expect.arrayContaining(['width', 'height', 'box_pixels', 'box', 'scale']),
    );
    square = dataUri(await squarePng());
  });

  const zoom = async (args: Record<string, unknown>) => {
    const result = await client.callTool({ name: 'zoom_in', arguments: args });
    expect(result.isError, textOf(result)).toBeFalsy();
    ZoomInOutputSchema.strict().parse(result.structuredContent);
    const [block] = imageBlocks(result);
    return { result, block, picture: await pixelsOf(block?.data ?? Buffer.alloc(0)) };
  };

  it('enlarges the red square 4× (the cap) and every pixel is red', async () => {
    const { result, block, picture } = await zoom({ image: square, box: [0.6, 0.4, 0.7, 0.6], padding: 0 });
    expect(result.structuredContent).toEqual({
      width: 80,
      height: 80,
      box_pixels: [120, 40, 140, 60],
      box: [0.6, 0.4, 0.7, 0.6],
      scale: 4,
    });
    expect(block?.mimeType).toBe('image/png');
    expect([picture.width, picture.height]).toEqual([80, 80]);
    expect(picture.colours()).toEqual([RED.join(',')]);
    expect(textOf(result)).toBe('zoomed pixels [120, 40, 140, 60] of 200×100 (20×20) 4× to 80×80');
  });

  it('keeps 10% of the box as context by default: red inside, grey at the rim', async () => {
    const { result, picture } = await zoom({ image: square, box: [0.6, 0.4, 0.7, 0.6] });
    expect(result.structuredContent).toMatchObject({ width: 96, height: 96, box_pixels: [118, 38, 142, 62] });
    expect(picture.at(48, 48)).toEqual([...RED]);
    expect([picture.at(0, 0), picture.at(95, 95)]).toEqual([GREY, GREY]);
  });

  it('enlarges toward target_side, and keeps a region already past it at its size', async () => {
    const small = await zoom({ image: square, box: [0.6, 0.4, 0.7, 0.6], padding: 0, target_side: 64 });
    expect(small.result.structuredContent).toMatchObject({ width: 64, height: 64, scale: 3.2 });
    const whole = await zoom({ image: square, box: [0, 0, 1, 1], padding: 0, target_side: 64 });
    expect(whole.result.structuredContent).toMatchObject({ width: 200, height: 100, scale: 1 });
  });

  it('clamps the padding at the image edges', async () => {
    const corner = await zoom({ image: square, box: [0, 0, 0.1, 0.2], padding: 0.5 });
    // 20×20 px box: 10 px a side of padding, clamped at x = 0 and y = 0, leaves 30×30, then 4×.
    expect(corner.result.structuredContent).toEqual({
      width: 120,
      height: 120,
      box_pixels: [0, 0, 30, 30],
      box: [0, 0, 0.15, 0.3],
      scale: 4,
    });
    const opposite = await zoom({ image: square, box: [0.9, 0.8, 1, 1], padding: 1 });
    expect(opposite.result.structuredContent).toMatchObject({ box_pixels: [160, 60, 200, 100], width: 160 });
  });

  it('brings a region larger than the inline budget down to 2048 on its longer side', async () => {
    const wide = dataUri(await squarePng(4000, 1000));
    const { result } = await zoom({ image: wide, box: [0, 0, 1, 1], padding: 0 });
    expect(result.structuredContent).toMatchObject({ width: 2048, height: 512, scale: 0.512 });
  });

  it('keeps a JPEG a JPEG', async () => {
    const jpeg = await sharp(await squarePng())
      .jpeg()
      .toBuffer();
    const { result, block } = await zoom({ image: dataUri(jpeg, 'image/jpeg'), box: [0.6, 0.4, 0.7, 0.6] });
    expect(block?.mimeType).toBe('image/jpeg');
    expect(result.structuredContent).toMatchObject({ width: 96, height: 96 });
  });
});
