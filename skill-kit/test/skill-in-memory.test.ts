import { readFileSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectInMemory, imageBlocks, textOf } from '../src/testing/in-memory.js';
import { demoSkill } from './fixtures/demo-skill.js';

async function pngDataUri(width: number, height: number, rgb: [number, number, number]) {
  const png = await sharp({
    create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } },
  })
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

describe('a skill served in memory', () => {
  let client: Client;

  beforeEach(async () => {
    client = await connectInMemory(demoSkill);
  });

  afterEach(async () => {
    await client.close();
  });

  it('lists tools with JSON Schemas and all four annotation hints', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['measure_image', 'count_slowly', 'fail_on_purpose']);
    const measure = tools[0];
    expect(measure?.inputSchema).toMatchObject({
      type: 'object',
      properties: { image: { type: 'string', description: 'data: URI or path of the image' } },
      required: ['image'],
    });
    expect(measure?.outputSchema).toMatchObject({ type: 'object', required: ['width', 'height', 'mean'] });
    expect(measure?.annotations).toEqual({
      title: 'Measure image',
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
  });

  it('shows the skill icon in serverInfo and tool icons where a tool has one', async () => {
    const svg = readFileSync(new URL('./fixtures/demo-icon.svg', import.meta.url));
    const icon = {
      src: `data:image/svg+xml;base64,${svg.toString('base64')}`,
      mimeType: 'image/svg+xml',
      sizes: ['any'],
    };
    expect(client.getServerVersion()?.icons).toEqual([icon]);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.icons)).toEqual([[icon], undefined, undefined]);
  });

  it('runs a tool on a real image: structured content, text and an image block', async () => {
    const result = await client.callTool({
      name: 'measure_image',
      arguments: { image: await pngDataUri(40, 20, [200, 100, 50]) },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ width: 40, height: 20, mean: [200, 100, 50] });
    expect(textOf(result)).toBe('40x20, mean colour rgb(200, 100, 50)');
    const [image, ...more] = imageBlocks(result);
    expect(more).toEqual([]);
    expect(image?.mimeType).toBe('image/png');
    const meta = await sharp(image?.data).metadata();
    expect([meta.width, meta.height]).toEqual([40, 20]);
  });

  it.each([
    [
      'schema-invalid arguments',
      'measure_image',
      { image: 42 },
      /Invalid arguments for measure_image: \/image: /,
    ],
    ['missing arguments', 'measure_image', {}, /\/image/],
    [
      'a corrupt image',
      'measure_image',
      { image: `data:image/png;base64,${Buffer.from('not a png at all').toString('base64')}` },
      /image/i,
    ],
    ['a caller error', 'fail_on_purpose', { how: 'caller' }, /^the argument makes no sense here$/],
    [
      'a server error',
      'fail_on_purpose',
      { how: 'server' },
      /fail_on_purpose failed on the server: disk on fire/,
    ],
    ['malformed output', 'fail_on_purpose', { how: 'malformed' }, /Internal error in fail_on_purpose/],
  ])('answers %s with an isError result and keeps serving', async (_case, name, args, message) => {
    const result = await client.callTool({ name, arguments: args });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    const after = await client.callTool({ name: 'count_slowly', arguments: { to: 1, delay_ms: 0 } });
    expect(after.structuredContent).toEqual({ counted: 1 });
  });

  it('answers an unknown tool with a protocol error naming the real tools', async () => {
    const call = client.callTool({ name: 'no_such_tool', arguments: {} });
    await expect(call).rejects.toBeInstanceOf(McpError);
    // The client adds "MCP error <code>: " once; the server's message must not carry it already.
    await expect(call).rejects.toThrow(
      /^MCP error -32602: Unknown tool "no_such_tool"; this server has: measure_image, count_slowly, fail_on_purpose$/,
    );
  });

  it('cancels a running call when the client aborts', async () => {
    const controller = new AbortController();
    const call = client.callTool({ name: 'count_slowly', arguments: { to: 100, delay_ms: 50 } }, undefined, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 60);
    await expect(call).rejects.toThrow(/abort/i);
  });
});
