import { validateSkillManifest } from '@mmskills/core';
import { tsxArgs } from '@mmskills/core/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectStdio,
  readManifest,
  type SkillHttpProcess,
  spawnSkillHttp,
} from '../src/testing/skill-process.js';

const bin = tsxArgs(new URL('./fixtures/demo-skill-bin.ts', import.meta.url));
const env = { ...process.env, MMSKILLS_LOG_LEVEL: 'warn' } as Record<string, string>;

async function redSquare() {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

describe('a skill bin over stdio', () => {
  let client: Client;

  beforeAll(async () => {
    client = await connectStdio(bin, env);
  });

  afterAll(async () => {
    await client.close();
  });

  it('handshakes, lists and calls tools, and survives bad calls', async () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'demo', version: '1.2.3' });
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(3);
    const bad = await client.callTool({
      name: 'measure_image',
      arguments: { image: 'data:image/png;base64,AAAA' },
    });
    expect(bad.isError).toBe(true);
    const traversal = await client.callTool({
      name: 'measure_image',
      arguments: { image: '../../../../etc/passwd' },
    });
    expect(traversal.isError).toBe(true);
    const good = await client.callTool({ name: 'measure_image', arguments: { image: await redSquare() } });
    expect(good.structuredContent).toEqual({ width: 8, height: 8, mean: [255, 0, 0] });
  });

  it('a process that dies mid-call fails the call instead of hanging it', async () => {
    const dying = new Client({ name: 'test', version: '0.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: bin,
      env,
      stderr: 'ignore',
    });
    await dying.connect(transport);
    const closed = new Promise<void>((resolve) => {
      dying.onclose = resolve;
    });
    const call = dying.callTool({ name: 'fail_on_purpose', arguments: { how: 'exit' } });
    await expect(call).rejects.toThrow(/closed/i);
    await closed;
  });
});

describe('a skill bin over Streamable HTTP', () => {
  let server: SkillHttpProcess;
  let url: string;

  beforeAll(async () => {
    server = await spawnSkillHttp(bin, env);
    url = server.url;
  });

  afterAll(async () => {
    await server.stop();
  });

  it('answers /health with the skill, its tools and its model', async () => {
    const response = await fetch(url.replace('/mcp', '/health'));
    expect(await response.json()).toMatchObject({
      status: 'ok',
      name: 'demo',
      version: '1.2.3',
      tools: ['measure_image', 'count_slowly', 'fail_on_purpose'],
      model: { source: 'none' },
    });
  });

  it('serves MCP to an SDK client', async () => {
    const client = new Client({ name: 'test', version: '0.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const result = await client.callTool({ name: 'measure_image', arguments: { image: await redSquare() } });
    expect(result.structuredContent).toEqual({ width: 8, height: 8, mean: [255, 0, 0] });
    const invalid = await client.callTool({ name: 'count_slowly', arguments: { to: 'many' } });
    expect(invalid.isError).toBe(true);
    await client.close();
  });

  it('refuses a foreign Host header (DNS rebinding) and an oversized body', async () => {
    const port = new URL(url).port;
    const rebinding = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request(
          { host: '127.0.0.1', port, path: '/health', headers: { host: `evil.example:${port}` } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.once('error', reject);
        req.end();
      }, reject);
    });
    expect(rebinding).toBe(403);
    const huge = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: 'x'.repeat(40 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
  });
});

describe('a skill bin with --manifest', () => {
  it('prints a valid server.json and tool list', async () => {
    const manifest = await readManifest(bin, env);
    const checked = validateSkillManifest(manifest);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    expect(manifest.server).toMatchObject({
      name: 'io.github.mmskills/demo',
      version: '1.2.3',
      packages: [{ registryType: 'npm', identifier: '@mmskills/skill-demo', transport: { type: 'stdio' } }],
    });
    expect(manifest.tools.map((tool: { name: string }) => tool.name)).toEqual([
      'measure_image',
      'count_slowly',
      'fail_on_purpose',
    ]);
  });
});
