import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectInMemory, imageBlocks, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroundSkill } from '../src/index.js';
import type { GroundObjectsOutput } from '../src/tools/ground-objects.js';
import { writeTinyOwl } from './fixtures/owl-models.js';
import { blocksPng, dataUri, tinyScore } from './pictures.js';

const RED = [255, 0, 0] as const;
const BLUE = [0, 0, 255] as const;
const WEAK_RED = [160, 96, 96] as const;

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mmskills-ground-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function connect(family: 'owlv2' | 'owlvit'): Promise<Client> {
  const dir = await writeTinyOwl(join(root, family), family);
  return connectInMemory(createGroundSkill({ model: dir }));
}

async function ground(client: Client, args: Record<string, unknown>) {
  const result = await client.callTool({ name: 'ground_objects', arguments: args });
  expect(result.isError, textOf(result)).toBeFalsy();
  return { result, output: result.structuredContent as GroundObjectsOutput };
}

describe('ground_objects on a tiny OWLv2 (padded to a square, as OWLv2 was trained)', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connect('owlv2');
  });
  afterAll(async () => {
    await client.close();
  });

  // 60×40 padded to 60×60 and scaled to the tiny model's 32×32: its 4×4 patches are 15 px cells
  // of the square. The red block fills the cell in column 2, row 1.
  const picture = () => blocksPng(60, 40, [{ left: 30, top: 15, width: 15, height: 15, rgb: RED }]);

  it('puts the box where the logits put it, scaled back to the picture, with the annotated picture', async () => {
    const { result, output } = await ground(client, { image: dataUri(await picture()), query: 'red mug' });
    expect(output.count).toBe(1);
    const [found] = output.objects;
    expect(found?.phrase).toBe('red mug');
    // Cell [0.5, 0.25, 0.75, 0.5] of the square is [30, 15, 45, 30] px: y fractions of a 40 px height.
    expect(found?.box).toEqual([0.5, 0.375, 0.75, 0.75]);
    expect(found?.box_pixels).toEqual([30, 15, 45, 30]);
    expect(found?.score).toBeGreaterThan(0.99);
    expect(textOf(result)).toBe('1 found: red mug 1 [0.5, 0.375, 0.75, 0.75]');
    const [drawn] = imageBlocks(result);
    expect(drawn?.mimeType).toBe('image/jpeg');
    expect(await sharp(drawn?.data).metadata()).toMatchObject({ width: 60, height: 40 });
  });

  it('finds nothing for a phrase the picture does not show, and says so', async () => {
    const { result, output } = await ground(client, { image: dataUri(await picture()), query: ['blue cup'] });
    expect(output).toEqual({ objects: [], count: 0 });
    expect(textOf(result)).toBe('Nothing matched "blue cup" with a score of at least 0.1.');
  });

  it('scores each region by its colour, best first, names each phrase, and honours threshold and max_results', async () => {
    const image = dataUri(
      await blocksPng(64, 64, [
        { left: 0, top: 0, width: 16, height: 16, rgb: WEAK_RED },
        { left: 48, top: 48, width: 16, height: 16, rgb: RED },
        { left: 0, top: 48, width: 16, height: 16, rgb: BLUE },
      ]),
    );
    const { output } = await ground(client, { image, query: 'red. blue' });
    // Pure red and pure blue both score 1 (to float precision); the weak red comes last, at the
    // sigmoid of its colour, which is below 1 and above the default threshold.
    expect(output.objects.slice(0, 2).map((o) => [o.phrase, o.box])).toEqual(
      expect.arrayContaining([
        ['red', [0.75, 0.75, 1, 1]],
        ['blue', [0, 0.75, 0.25, 1]],
      ]),
    );
    expect(output.objects.map((o) => o.score).slice(0, 2)).toEqual([1, 1]);
    expect(output.objects[2]).toMatchObject({ phrase: 'red', box: [0, 0, 0.25, 0.25] });
    expect(output.objects[2]?.score).toBeCloseTo(tinyScore(WEAK_RED, 1), 2);
    expect(output.count).toBe(3);
    const strict = await ground(client, { image, query: 'red', threshold: 0.9 });
    expect(strict.output.objects.map((o) => o.box)).toEqual([[0.75, 0.75, 1, 1]]);
    const one = await ground(client, { image, query: 'red. blue', max_results: 1 });
    expect(one.output.count).toBe(1);
  });
});

describe('ground_objects on a tiny OWL-ViT (stretched to its square input)', () => {
  it('maps a cell of the stretched input back to the picture', async () => {
    const client = await connect('owlvit');
    // 64×32 stretched to 32×32: cells are 16×8 px of the picture; column 2, row 1 is [32, 8, 48, 16].
    const image = dataUri(await blocksPng(64, 32, [{ left: 32, top: 8, width: 16, height: 8, rgb: RED }]));
    const { output } = await ground(client, { image, query: 'the red car' });
    expect(output.objects).toEqual([
      { phrase: 'the red car', box: [0.5, 0.25, 0.75, 0.5], box_pixels: [32, 8, 48, 16], score: 1 },
    ]);
    await client.close();
  });
});
