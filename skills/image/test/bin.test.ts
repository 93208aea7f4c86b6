import { validateSkillManifest } from '@mmskills/core';
import {
  connectStdio,
  readManifest,
  type SkillHttpProcess,
  spawnSkillHttp,
  tsxArgs,
} from '@mmskills/core/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataUri, quadrantsPng } from './pictures.js';

const bin = tsxArgs(new URL('../src/bin.ts', import.meta.url));
const env = { ...process.env, MMSKILLS_LOG_LEVEL: 'warn' };
const TOOLS = ['image_info', 'crop', 'resize', 'rotate', 'annotate', 'blur_regions'];

describe('mmskills-image over stdio', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connectStdio(bin, env);
  });
  afterAll(async () => {
    await client.close();
  });

  it('handshakes, lists its tools and crops a picture', async () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'image', version: '0.1.0' });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(TOOLS);
    const result = await client.callTool({
      name: 'crop',
      arguments: { image: dataUri(await quadrantsPng()), box: [0.5, 0.5, 1, 1] },
    });
    expect(result.structuredContent).toMatchObject({ width: 50, height: 25, box_pixels: [50, 25, 100, 50] });
  });
});

describe('mmskills-image --http', () => {
  let server: SkillHttpProcess;
  beforeAll(async () => {
    server = await spawnSkillHttp(bin, env);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers /health with its tools and no model', async () => {
    const response = await fetch(server.url.replace(/\/mcp$/, '/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      name: 'image',
      tools: TOOLS,
      model: { source: 'none', backend: 'sharp' },
    });
  });
});

describe('mmskills-image --manifest', () => {
  it('prints a valid server.json and tool list', async () => {
    const manifest = await readManifest(bin, env);
    const checked = validateSkillManifest(manifest);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    expect(manifest.server).toMatchObject({
      name: 'io.github.mmskills/image',
      packages: [{ registryType: 'npm', identifier: '@mmskills/skill-image', transport: { type: 'stdio' } }],
    });
    expect(manifest.tools.map((tool) => tool.name)).toEqual(TOOLS);
  });
});
