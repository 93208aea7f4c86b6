import { fileURLToPath } from 'node:url';
import type { Box } from '@mmskills/core';
import { type PhotoName, photoPath } from '@mmskills/core/testing';
import { disposeTfjsGraphModels } from '@mmskills/models';
import { connectInMemory, imageBlocks, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDetectSkill, type DetectObjectsOutput } from '../src/index.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
let client: Client;

beforeAll(async () => {
  client = await connectInMemory(createDetectSkill(), { ...process.env, MMSKILLS_FILE_ROOTS: repoRoot });
});

afterAll(async () => {
  await client.close();
  await disposeTfjsGraphModels();
});

async function detect(photo: PhotoName, args: Record<string, unknown> = {}) {
  const result = await client.callTool({
    name: 'detect_objects',
    arguments: { image: photoPath(photo), ...args },
  });
  expect(result.isError, textOf(result)).toBeFalsy();
  return { result, objects: (result.structuredContent as DetectObjectsOutput).objects };
}

const contains = (box: Box, x: number, y: number) => box[0] < x && x < box[2] && box[1] < y && y < box[3];

describe('detect_objects with the default CenterNet model', () => {
  it('finds the cat in chelsea, its box covering the centre of the photo', async () => {
    const { result, objects } = await detect('chelsea');
    expect(objects.map((o) => o.label)).toEqual(['cat']);
    const [cat] = objects;
    expect(cat?.score).toBeGreaterThan(0.45);
    expect(contains(cat?.box ?? [0, 0, 0, 0], 0.5, 0.5)).toBe(true);
    expect(textOf(result)).toMatch(/^1 object: cat 0\.\d\d \[0\.0\d, 0\.0\d, 0\.9\d, 0\.9\d\]$/);
    const [drawn] = imageBlocks(result);
    expect(drawn?.mimeType).toBe('image/jpeg');
    expect(await sharp(drawn?.data).metadata()).toMatchObject({ format: 'jpeg', width: 451, height: 300 });
  });

  it('finds the cup in coffee, over the cup rather than the saucer', async () => {
    const { objects } = await detect('coffee');
    expect(objects[0]?.label).toBe('cup');
    expect(objects[0]?.score).toBeGreaterThan(0.45);
    const box = objects[0]?.box ?? [0, 0, 0, 0];
    // The cup's rim spans about x 0.29–0.69 and y 0.05–0.6 of the photo; the saucer reaches y 0.95.
    expect(contains(box, 0.48, 0.35)).toBe(true);
    expect(box[0]).toBeGreaterThan(0.2);
    expect(box[2]).toBeLessThan(0.8);
    expect(box[3]).toBeLessThan(0.8);
  });

  it('finds the motorcycle, its box spanning both wheels', async () => {
    const { objects } = await detect('motorcycle_left');
    expect(objects[0]?.label).toBe('motorcycle');
    expect(objects[0]?.score).toBeGreaterThan(0.55);
    const [x1, y1, x2, y2] = objects[0]?.box ?? [0, 0, 0, 0];
    expect(x1).toBeLessThan(0.25);
    expect(x2).toBeGreaterThan(0.85);
    expect(y1).toBeLessThan(0.2);
    expect(y2).toBeGreaterThan(0.8);
  });

  it('finds the astronaut as a person on the left two thirds of the portrait', async () => {
    const { objects } = await detect('astronaut');
    expect(objects[0]?.label).toBe('person');
    expect(objects[0]?.score).toBeGreaterThan(0.5);
    const [x1, , x2, y2] = objects[0]?.box ?? [0, 0, 0, 0];
    expect(x1).toBeLessThan(0.1);
    expect(x2).toBeGreaterThan(0.6);
    expect(x2).toBeLessThan(0.85);
    expect(y2).toBeGreaterThan(0.9);
  });

  it('keeps only the requested labels, best first, up to max_results', async () => {
    const cats = await detect('chelsea', { labels: ['cat'], min_score: 0.05 });
    expect(cats.objects.length).toBeGreaterThan(0);
    expect(new Set(cats.objects.map((o) => o.label))).toEqual(new Set(['cat']));
    const many = await detect('motorcycle_left', { min_score: 0.05, max_results: 3 });
    expect(many.objects).toHaveLength(3);
    const scores = many.objects.map((o) => o.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const none = await detect('coffee', { labels: ['giraffe'] });
    expect(none.objects).toEqual([]);
    expect(textOf(none.result)).toBe('No objects found with score ≥ 0.3.');
  });
});
