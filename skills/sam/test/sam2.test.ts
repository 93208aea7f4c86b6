import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectInMemory, imageBlocks, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSamSkill, type SegmentRegionOutput } from '../src/index.js';
import { writeTinySam2 } from './fixtures/sam2-models.js';
import { dataUri, scenePng } from './pictures.js';

const image = dataUri(await scenePng());
const root = await mkdtemp(join(tmpdir(), 'mmskills-sam2-'));
const dir = await writeTinySam2(join(root, 'tiny-sam2'));
const skill = createSamSkill({ model: dir });

async function segment(client: Client, args: Record<string, unknown>) {
  const result = await client.callTool({ name: 'segment_region', arguments: { image, ...args } });
  expect(result.isError, textOf(result)).toBeFalsy();
  return result;
}
const firstBox = (result: unknown) =>
  (result as { structuredContent: SegmentRegionOutput }).structuredContent.masks[0]?.box_pixels ?? [];

describe('segment_region on the tiny SAM 2 (Sam2Model, weights in .onnx_data)', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connectInMemory(skill);
  });

  it('sends a box as the decoder’s box input and masks it at the image size', async () => {
    const result = await segment(client, { boxes: [[0.25, 0.25, 0.75, 0.75]] });
    expect(firstBox(result)).toEqual([40, 30, 120, 90]);
    expect(imageBlocks(result)).toHaveLength(3);
    expect(skill.model?.()).toMatchObject({ family: 'sam2', loaded: true, boxes: 'input_boxes' });
  });

  it('scales a point through the square resize SAM 2 uses: 8 model pixels are 20 across, 15 down', async () => {
    expect(firstBox(await segment(client, { points: [{ x: 0.5, y: 0.5, label: 1 }] }))).toEqual([
      60, 45, 100, 75,
    ]);
  });

  it('takes a box and a point together as one prompt', async () => {
    const result = await segment(client, {
      boxes: [[0.25, 0.25, 0.75, 0.75]],
      points: [{ x: 0.9, y: 0.5, label: 1 }],
    });
    // The point at x = 144 widens the box to 144 + 20, held to the image's right edge.
    expect(firstBox(result)).toEqual([40, 30, 160, 90]);
  });

  it('fails to load, saying why, when the decoder’s .onnx_data file is gone', async () => {
    const broken = await writeTinySam2(join(root, 'no-data'));
    await rm(join(broken, 'onnx', 'prompt_encoder_mask_decoder.onnx_data'));
    const other = await connectInMemory(createSamSkill({ model: broken }));
    const result = await other.callTool({
      name: 'segment_region',
      arguments: { image, boxes: [[0.25, 0.25, 0.75, 0.75]] },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/could not load the SAM model in .*no-data/);
  });
});
