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
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SegmentRegionOutput } from '../src/index.js';
import { dataUri, scenePng, tinySamFolder } from './pictures.js';

const bin = tsxArgs(new URL('../src/bin.ts', import.meta.url));
const image = dataUri(await scenePng());
const call = { name: 'segment_region', arguments: { image, boxes: [[0.25, 0.25, 0.75, 0.75]] } };
const { dir } = await tinySamFolder();
// The tiny model pulled into a model cache under the default catalogue name.
const cache = await tinySamFolder('slimsam-77-uniform');
const emptyCache = await mkdtemp(join(tmpdir(), 'mmskills-sam-empty-'));
const quiet = { ...process.env, MMSKILLS_LOG_LEVEL: 'warn', MMSKILLS_SAM_MODEL: '' };

const boxPixels = (result: CallToolResult) =>
  (result.structuredContent as SegmentRegionOutput).masks[0]?.box_pixels;

describeSkillBin({
  skill: 'sam',
  bin: [...bin, '--model', dir],
  env: { MMSKILLS_SAM_MODEL: '', MMSKILLS_MODEL_DIR: emptyCache },
  tools: ['segment_region'],
  smoke: {
    title: 'masks a box on the tiny SAM given with --model',
    tool: 'segment_region',
    arguments: () => call.arguments,
    check: (result) => expect(boxPixels(result)).toEqual([40, 30, 120, 90]),
  },
  healthModel: { name: 'user', source: 'user', path: dir, loaded: false },
});

describe('mmskills-sam finds its model in the model cache', () => {
  it('runs the default catalogue model from MMSKILLS_MODEL_DIR over stdio', async () => {
    const client = await connectStdio(bin, { ...quiet, MMSKILLS_MODEL_DIR: cache.root });
    try {
      const result = (await client.callTool(call)) as CallToolResult;
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(boxPixels(result)).toEqual([40, 30, 120, 90]);
    } finally {
      await client.close();
    }
  });
});

describe('mmskills-sam without its model', () => {
  let server: SkillHttpProcess;
  beforeAll(async () => {
    server = await spawnSkillHttp(bin, { ...quiet, MMSKILLS_MODEL_DIR: emptyCache });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('starts, lists its tool and answers a call with the pull command over stdio', async () => {
    const client = await connectStdio(bin, { ...quiet, MMSKILLS_MODEL_DIR: emptyCache });
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['segment_region']);
      const result = await client.callTool(call);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('run `npx mmskills model pull slimsam-77-uniform`');
    } finally {
      await client.close();
    }
  });

  it('says on /health that the model is missing', async () => {
    const response = await fetch(server.url.replace(/\/mcp$/, '/health'));
    expect(response.status).toBe(200);
    const health = (await response.json()) as { model: Record<string, unknown> };
    expect(health.model).toMatchObject({ name: 'slimsam-77-uniform', source: 'missing', loaded: false });
    expect(health.model.missing).toMatch(/npx mmskills model pull slimsam-77-uniform/);
  });
});

describe('mmskills-sam --preload without its model', () => {
  it('still starts and serves /health, the model missing', async () => {
    const server = await spawnSkillHttp([...bin, '--preload'], { ...quiet, MMSKILLS_MODEL_DIR: emptyCache });
    try {
      const health = (await (await fetch(server.url.replace(/\/mcp$/, '/health'))).json()) as {
        model: Record<string, unknown>;
      };
      expect(health.model).toMatchObject({ source: 'missing', loaded: false });
    } finally {
      await server.stop();
    }
  });
});
