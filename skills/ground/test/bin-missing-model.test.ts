import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import { connectStdio, type SkillHttpProcess, spawnSkillHttp, textOf } from '@mmskills/skill-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksPng, dataUri } from './pictures.js';

const bin = tsxArgs(new URL('../src/bin.ts', import.meta.url));
const cache = await mkdtemp(join(tmpdir(), 'mmskills-ground-empty-'));
const env = {
  ...process.env,
  MMSKILLS_LOG_LEVEL: 'warn',
  MMSKILLS_GROUND_MODEL: '',
  MMSKILLS_MODEL_DIR: cache,
};
afterAll(() => rm(cache, { recursive: true, force: true }));
const pull = /`npx mmskills model pull owlv2-base-patch16-ensemble`/;

describe('mmskills-ground with no model downloaded', () => {
  it('starts, lists its tool, and answers every call with the pull command', async () => {
    const client = await connectStdio(bin, env);
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['ground_objects']);
      const image = dataUri(await blocksPng(8, 8, []));
      for (const query of ['red mug', 'cat. dog']) {
        const result = await client.callTool({ name: 'ground_objects', arguments: { image, query } });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toMatch(pull);
      }
    } finally {
      await client.close();
    }
  });

  describe('over HTTP', () => {
    let server: SkillHttpProcess;
    beforeAll(async () => {
      server = await spawnSkillHttp(bin, env);
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('says on /health that the model is missing and how to get it', async () => {
      const response = await fetch(server.url.replace(/\/mcp$/, '/health'));
      const health = (await response.json()) as { model: Record<string, unknown> };
      expect(health.model).toMatchObject({
        name: 'owlv2-base-patch16-ensemble',
        source: 'none',
        loaded: false,
        missing: true,
      });
      expect(health.model.error).toMatch(pull);
    });
  });
});

describe('mmskills-ground --preload with no model downloaded', () => {
  it('still starts and lists its tool', async () => {
    const client = await connectStdio([...bin, '--preload'], env);
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['ground_objects']);
    } finally {
      await client.close();
    }
  });
});
