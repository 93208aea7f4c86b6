import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createLogger } from '@mmskills/core';
import { photoPath, tsxArgs } from '@mmskills/core/testing';
import { builtinSkillServers, createHost, createHostApp, HostConfigSchema } from '@mmskills/host';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('mmskills gateway --stdio', () => {
  const log = createLogger('test', { level: 'silent' });
  let url: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const skills = {
      image: builtinSkillServers({ source: true }).image as NonNullable<
        ReturnType<typeof builtinSkillServers>['image']
      >,
    };
    const host = await createHost(HostConfigSchema.parse({ skills }), { log });
    const { app, close } = createHostApp(host, { hostname: '127.0.0.1', log });
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
    stop = async () => {
      await close();
      await host.close();
      await new Promise((resolve) => server.close(resolve));
    };
  }, 60_000);

  afterAll(async () => {
    await stop();
  });

  it('serves the host gateway tools to a stdio client, images included', async () => {
    const client = new Client({ name: 'test', version: '0.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [...tsxArgs(new URL('../src/bin.ts', import.meta.url)), 'gateway', '--stdio', '--url', url],
        stderr: 'ignore',
      }),
    );
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('image__crop');
    const image = `data:image/png;base64,${(await readFile(photoPath('chelsea'))).toString('base64')}`;
    const result = await client.callTool({
      name: 'image__crop',
      arguments: { image, box: [0, 0, 0.5, 0.5] },
    });
    expect(result.structuredContent).toMatchObject({ width: 226, height: 150 });
    expect((result.content as Array<{ type: string }>).some((block) => block.type === 'image')).toBe(true);
    await client.close();
  });
});
