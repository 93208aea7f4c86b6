import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import {
  connectStdio,
  describeSkillBin,
  type SkillHttpProcess,
  spawnSkillHttp,
  textOf,
} from '@mmskills/skill-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyModel } from './fixtures/tiny-models.js';
import { dataUri, solidPng } from './pictures.js';

const bin = tsxArgs(new URL('../src/bin.ts', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'mmskills-clip-bin-'));
const photos = join(root, 'photos');
mkdirSync(photos);
// The stdio run finds the default model in the cache; the HTTP run is given a folder by --model.
writeTinyModel(join(root, 'models', 'clip-vit-base-patch32'), 'clip');
const userModel = writeTinyModel(join(root, 'my-siglip'), 'siglip');
const env = {
  MMSKILLS_MODEL_DIR: join(root, 'models'),
  MMSKILLS_FILE_ROOTS: photos,
  MMSKILLS_CLIP_MODEL: '',
};

describeSkillBin({
  skill: 'clip',
  bin,
  env,
  httpArgs: ['--model', userModel],
  tools: ['classify_image', 'search_images'],
  smoke: {
    title: 'classifies a red picture as red with the cached tiny model',
    tool: 'classify_image',
    arguments: async () => ({ image: dataUri(await solidPng('#ff0000')), labels: ['blue', 'red'] }),
    check: (result) =>
      expect(result.structuredContent).toMatchObject({
        best: 'red',
        scoring: 'softmax',
        model: 'clip-vit-base-patch32',
      }),
  },
  healthModel: { name: 'my-siglip', family: 'siglip', source: 'user', dtype: 'q8', loaded: false },
});

describe('mmskills-clip with an empty model cache', () => {
  const bare = {
    ...process.env,
    MMSKILLS_LOG_LEVEL: 'warn',
    ...env,
    MMSKILLS_MODEL_DIR: join(root, 'empty'),
  };
  let server: SkillHttpProcess;
  beforeAll(async () => {
    writeFileSync(join(photos, 'red.png'), await solidPng('#ff0000'));
    server = await spawnSkillHttp(bin, bare);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('starts, lists its tools and answers each call with the pull command', async () => {
    const client = await connectStdio(bin, bare);
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual([
        'classify_image',
        'search_images',
      ]);
      for (const [name, args] of [
        ['classify_image', { image: dataUri(await solidPng('#ff0000')), labels: ['red', 'blue'] }],
        ['search_images', { folder: photos, query: 'red' }],
      ] as const) {
        const result = await client.callTool({ name, arguments: args });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toMatch(/run `npx mmskills model pull clip-vit-base-patch32`/);
      }
    } finally {
      await client.close();
    }
  });

  it('says on /health that the model is missing', async () => {
    const health = (await (await fetch(server.url.replace(/\/mcp$/, '/health'))).json()) as Record<
      string,
      unknown
    >;
    expect(health).toMatchObject({
      status: 'ok',
      model: {
        name: 'clip-vit-base-patch32',
        source: 'missing',
        loaded: false,
        error: expect.stringMatching(/model pull clip-vit-base-patch32/),
      },
    });
  });
});
