import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectInMemory, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClipSkill } from '../src/index.js';
import { expectedScores, imageEmbedding, textEmbedding } from './expected.js';
import { type TinyFamily, writeTinyModel } from './fixtures/tiny-models.js';
import { dataUri, solidPng } from './pictures.js';

type Scores = { labels: Array<{ label: string; score: number }>; best: string; scoring: string };

// Tokens besides the colour word in "a photo of <colour>.": CLIP counts its start and end tokens,
// SigLIP's end and padding tokens embed to nothing.
const OTHERS: Record<TinyFamily, number> = { clip: 6, siglip: 4 };

describe.each(['clip', 'siglip'] as const)('classify_image on a tiny %s model', (family) => {
  let client: Client;
  beforeAll(async () => {
    const dir = writeTinyModel(mkdtempSync(join(tmpdir(), `mmskills-clip-${family}-`)), family);
    client = await connectInMemory(createClipSkill({ model: dir, env: { ...process.env } }));
  });

  it('ranks "red" first for a red picture, with the scores the tiny model implies', async () => {
    const result = await client.callTool({
      name: 'classify_image',
      arguments: { image: dataUri(await solidPng('#ff0000')), labels: ['green', 'red', 'blue'] },
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const scores = result.structuredContent as Scores;
    expect(scores.best).toBe('red');
    expect(scores.scoring).toBe(family === 'clip' ? 'softmax' : 'sigmoid');
    const image = imageEmbedding(family, [255, 0, 0]);
    const [green, red, blue] = expectedScores(
      family,
      image,
      (['green', 'red', 'blue'] as const).map((colour) => textEmbedding(colour, OTHERS[family])),
    );
    expect(scores.labels[0]?.label).toBe('red');
    const ranked = scores.labels.map(({ score }) => score);
    expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
    const byLabel = Object.fromEntries(scores.labels.map(({ label, score }) => [label, score]));
    expect(byLabel.red).toBeCloseTo(red ?? Number.NaN, 3);
    expect(byLabel.green).toBeCloseTo(green ?? Number.NaN, 3);
    expect(byLabel.blue).toBeCloseTo(blue ?? Number.NaN, 3);
    if (family === 'clip') expect(scores.labels.reduce((sum, { score }) => sum + score, 0)).toBeCloseTo(1, 3);
    expect(textOf(result)).toMatch(/^best: red/);
  });

  it('puts each label into the template, so the template changes the scores', async () => {
    const result = await client.callTool({
      name: 'classify_image',
      arguments: { image: dataUri(await solidPng('#0000ff')), labels: ['red', 'blue'], template: '{}' },
    });
    const scores = result.structuredContent as Scores;
    expect(scores.best).toBe('blue');
    // "{}" alone leaves only the colour word with CLIP's start and end tokens (2), SigLIP's none.
    const expected = expectedScores(family, imageEmbedding(family, [0, 0, 255]), [
      textEmbedding('red', family === 'clip' ? 2 : 0),
      textEmbedding('blue', family === 'clip' ? 2 : 0),
    ]);
    expect(scores.labels.find(({ label }) => label === 'blue')?.score).toBeCloseTo(
      expected[1] ?? Number.NaN,
      3,
    );
  });
});
