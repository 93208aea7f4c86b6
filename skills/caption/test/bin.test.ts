import { mkdtemp } from 'node:fs/promises';
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
import { tinyFlorenceDir } from './fixtures/florence-model.js';
import { dataUri, solidPng } from './pictures.js';

const bin = tsxArgs(new URL('../src/bin.ts', import.meta.url));
// The stdio run finds the tiny model in the cache under its catalogue name; the --http run is
// given another copy's folder with --model.
const cached = await tinyFlorenceDir({ name: 'florence-2-base-ft' });
const folder = await tinyFlorenceDir();
const red = dataUri(await solidPng('#e01010'));

describeSkillBin({
  skill: 'caption',
  bin,
  env: { MMSKILLS_MODEL_DIR: join(cached, '..'), MMSKILLS_CAPTION_MODEL: '' },
  httpArgs: ['--model', folder],
  tools: ['describe_image', 'tag_image'],
  smoke: {
    title: 'captions a red picture with the pulled model',
    tool: 'describe_image',
    arguments: () => ({ image: red }),
    check: (result) => {
      expect(result.structuredContent).toMatchObject({ caption: 'A red square.', truncated: false });
    },
  },
  healthModel: { family: 'florence2', name: 'user folder', source: 'user', path: folder, loaded: false },
});

describe('mmskills-caption with an empty model cache', () => {
  let env: NodeJS.ProcessEnv;
  let server: SkillHttpProcess;

  beforeAll(async () => {
    const empty = await mkdtemp(join(tmpdir(), 'mmskills-no-models-'));
    env = {
      ...process.env,
      MMSKILLS_LOG_LEVEL: 'warn',
      MMSKILLS_MODEL_DIR: empty,
      MMSKILLS_CAPTION_MODEL: '',
    };
    server = await spawnSkillHttp(bin, env);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('still starts and lists its tools, and answers each call with the pull command', async () => {
    const client = await connectStdio(bin, env);
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual([
        'describe_image',
        'tag_image',
      ]);
      for (const name of ['describe_image', 'tag_image']) {
        const result = await client.callTool({ name, arguments: { image: red } });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toMatch(/run `npx mmskills model pull florence-2-base-ft`/);
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
    expect(health.model).toMatchObject({ family: 'florence2', loaded: false, missing: true });
  });
});
