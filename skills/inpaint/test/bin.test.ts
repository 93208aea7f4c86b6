import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import {
  connectStdio,
  describeSkillBin,
  imageBlocks,
  spawnSkillHttp,
  textOf,
} from '@mmskills/skill-kit/testing';
import { describe, expect, it } from 'vitest';
import { writeTinyLama } from './fixtures/lama-models.js';
import { dataUri, scene } from './pictures.js';

const bin = tsxArgs(new URL('../src/bin.ts', import.meta.url));
const temp = (name: string) => mkdtempSync(join(tmpdir(), `mmskills-inpaint-${name}-`));
// The tiny LaMa pulled into a model cache under its catalogue name, as `mmskills model pull` lays it out.
const cache = temp('cache');
writeTinyLama(join(cache, 'lama-fp32'));
const photo = await scene(64, 48, '#3366cc', [{ left: 20, top: 20, width: 8, height: 8, colour: '#ff0000' }]);
const call = { image: dataUri(photo.png), boxes: [[20 / 64, 20 / 48, 28 / 64, 28 / 48]] };
const quiet = { ...process.env, MMSKILLS_LOG_LEVEL: 'warn', MMSKILLS_INPAINT_MODEL: '' };

describeSkillBin({
  skill: 'inpaint',
  bin,
  env: { MMSKILLS_MODEL_DIR: cache, MMSKILLS_INPAINT_MODEL: '' },
  tools: ['remove_object'],
  smoke: {
    title: 'removes a boxed square with the pulled model',
    tool: 'remove_object',
    arguments: () => call,
    check: (result) => {
      expect(result.structuredContent).toMatchObject({ width: 64, height: 48, format: 'png' });
      expect(imageBlocks(result)[0]?.mimeType).toBe('image/png');
    },
  },
  healthModel: {
    name: 'lama-fp32',
    family: 'lama',
    source: 'cache',
    path: join(cache, 'lama-fp32'),
    loaded: false,
  },
});

describe('mmskills-inpaint --model <folder>', () => {
  it('runs the LaMa in the folder it names', async () => {
    const folder = writeTinyLama(temp('folder'));
    const client = await connectStdio([...bin, '--model', folder], {
      ...quiet,
      MMSKILLS_MODEL_DIR: temp('none'),
    });
    try {
      const result = await client.callTool({ name: 'remove_object', arguments: call });
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ masked_pixels: (8 + 20) * (8 + 20) });
    } finally {
      await client.close();
    }
  });
});

describe('mmskills-inpaint with an empty model cache', () => {
  const env = { ...quiet, MMSKILLS_MODEL_DIR: temp('empty') };

  it('starts, lists its tool and answers each call with the pull command', async () => {
    const client = await connectStdio(bin, env);
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['remove_object']);
      const result = await client.callTool({ name: 'remove_object', arguments: call });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/is not downloaded: run `npx mmskills model pull lama-fp32`/);
    } finally {
      await client.close();
    }
  });

  it('says on /health that the model is missing', async () => {
    const server = await spawnSkillHttp(bin, env);
    try {
      const health = (await (await fetch(server.url.replace(/\/mcp$/, '/health'))).json()) as Record<
        string,
        unknown
      >;
      expect(health).toMatchObject({
        status: 'ok',
        tools: ['remove_object'],
        model: { name: 'lama-fp32', source: 'none', missing: true, loaded: false },
      });
      expect((health.model as { error: string }).error).toMatch(/npx mmskills model pull lama-fp32/);
    } finally {
      await server.stop();
    }
  });
});
