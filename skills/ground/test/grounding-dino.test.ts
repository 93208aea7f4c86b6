import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectInMemory, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroundSkill } from '../src/index.js';
import type { GroundObjectsOutput } from '../src/tools/ground-objects.js';
import { writeTinyGroundingDino } from './fixtures/grounding-dino-model.js';
import { blocksPng, dataUri } from './pictures.js';

describe('ground_objects on a tiny Grounding DINO', () => {
  let root: string;
  let client: Client;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mmskills-ground-dino-'));
    client = await connectInMemory(
      createGroundSkill({ model: await writeTinyGroundingDino(join(root, 'dino')) }),
    );
  });
  afterAll(async () => {
    await client.close();
    await rm(root, { recursive: true, force: true });
  });

  const ground = async (args: Record<string, unknown>) => {
    const result = await client.callTool({ name: 'ground_objects', arguments: args });
    expect(result.isError, textOf(result)).toBeFalsy();
    return result.structuredContent as GroundObjectsOutput;
  };

  it('boxes each phrase where its token lights up, naming the phrase the label came from', async () => {
    const image = dataUri(
      await blocksPng(64, 64, [
        { left: 48, top: 0, width: 16, height: 16, rgb: [255, 0, 0] },
        { left: 16, top: 32, width: 16, height: 16, rgb: [0, 0, 255] },
      ]),
    );
    const output = await ground({ image, query: 'Red mug. blue cup' });
    expect(output.objects.map((o) => [o.phrase, o.box, o.box_pixels])).toEqual(
      expect.arrayContaining([
        ['Red mug', [0.75, 0, 1, 0.25], [48, 0, 64, 16]],
        ['blue cup', [0.25, 0.5, 0.5, 0.75], [16, 32, 32, 48]],
      ]),
    );
    expect(output.count).toBe(2);
  });

  it('keeps boxes in fractions of a picture that is not square', async () => {
    const image = dataUri(
      await blocksPng(64, 32, [{ left: 32, top: 8, width: 16, height: 8, rgb: [255, 0, 0] }]),
    );
    const output = await ground({ image, query: ['red car'] });
    expect(output.objects.map((o) => [o.phrase, o.box_pixels])).toEqual([['red car', [32, 8, 48, 16]]]);
  });

  it('uses its own default threshold of 0.35, and a given one over it', async () => {
    // (160, 96, 96) scores about 0.74 for "red" with this model's ImageNet normalisation.
    const image = dataUri(
      await blocksPng(64, 64, [{ left: 0, top: 0, width: 16, height: 16, rgb: [160, 96, 96] }]),
    );
    expect((await ground({ image, query: 'red' })).count).toBe(1);
    expect((await ground({ image, query: 'red', threshold: 0.9 })).count).toBe(0);
  });
});
