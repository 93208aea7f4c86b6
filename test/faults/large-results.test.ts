import { readFileSync } from 'node:fs';
import { photoPath } from '@mmskills/core/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostProcess, sourceSkill, spawnHost } from '../conformance/host-process.js';

describe('a stdio skill returning a picture over 10 MB, through the host gateway', () => {
  let host: HostProcess;
  let client: Client;
  beforeAll(async () => {
    // A budget as large as the limit of one picture, so the result carries it whole, inline.
    const budget = {
      MMSKILLS_RESULT_IMAGE_MAX_SIDE: '10000',
      MMSKILLS_RESULT_IMAGE_MAX_BYTES: String(25 * 1024 * 1024),
    };
    host = await spawnHost({ skills: { image: sourceSkill('image', budget) } });
    client = new Client({ name: 'large', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${host.url}/mcp`)));
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    await host?.stop();
  });

  it('passes the whole picture through, and the skill stays up for the next call', async () => {
    const image = `data:image/png;base64,${readFileSync(photoPath('chelsea')).toString('base64')}`;
    const result = (await client.callTool(
      { name: 'image__resize', arguments: { image, width: 4500 } },
      undefined,
      { timeout: 120_000 },
    )) as CallToolResult;
    expect(result.isError, JSON.stringify(result.content).slice(0, 300)).toBeFalsy();
    const picture = result.content.find((block) => block.type === 'image');
    // Over the SDK's 10 MB default read buffer once base64-encoded in the JSON-RPC line.
    expect(picture?.type === 'image' && picture.data.length).toBeGreaterThan(10 * 1024 * 1024);
    const info = (await client.callTool({
      name: 'image__image_info',
      arguments: { image },
    })) as CallToolResult;
    expect(info.structuredContent).toMatchObject({ width: 451, height: 300 });
    const health = (await (await fetch(`${host.url}/health`)).json()) as {
      skills: Record<string, { lastError?: string }>;
    };
    expect(health.skills.image?.lastError).toBeUndefined();
  }, 180_000);
});
