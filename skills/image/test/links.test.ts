import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { photoPath, tsxArgs } from '@mmskills/core/testing';
import { connectInMemory, imageBlocks } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageSkill } from '../src/index.js';
import { dataUri, ENV } from './pictures.js';

type Link = {
  type: 'resource_link';
  uri: string;
  name: string;
  mimeType: string;
  size: number;
  description: string;
};
const linksOf = (result: unknown) =>
  (result as CallToolResult).content.filter((block): block is Link => block.type === 'resource_link');

// A picture of seeded noise, which PNG cannot shrink: 1200×900, about 3.2 MB.
async function noisePng(): Promise<Buffer> {
  return sharp({
    create: {
      width: 1200,
      height: 900,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .png()
    .toBuffer();
}

describe('pictures by reference: resource_link out, resources/read, the URI back in', () => {
  let client: Client;
  let small: Client;
  let astronaut: string;

  beforeAll(async () => {
    client = await connectInMemory(imageSkill, ENV);
    // A client whose budget is 300 px and 64 KB a picture.
    small = await connectInMemory(imageSkill, {
      ...ENV,
      MMSKILLS_RESULT_IMAGE_MAX_SIDE: '300',
      MMSKILLS_RESULT_IMAGE_MAX_BYTES: String(64 * 1024),
    });
    astronaut = photoPath('astronaut');
  });

  afterAll(async () => {
    await Promise.all([client.close(), small.close()]);
  });

  it('links each picture a tool made, readable at full size, and takes the link as the next image', async () => {
    const cropped = await client.callTool({
      name: 'crop',
      arguments: { image: astronaut, box: [0, 0, 0.5, 0.5] },
    });
    const [inline] = imageBlocks(cropped);
    const [link] = linksOf(cropped);
    expect(link).toMatchObject({
      uri: expect.stringMatching(/^mmskills:\/\/image\/images\/[0-9a-f]{32}\.png$/),
      mimeType: 'image/png',
      size: inline?.data.length,
    });
    expect(link?.description).toMatch(/^the picture above, at full size: 256×256, \d+ bytes$/);

    const read = await client.readResource({ uri: link?.uri ?? '' });
    const [content] = read.contents as Array<{ uri: string; mimeType: string; blob: string }>;
    expect(content).toMatchObject({ uri: link?.uri, mimeType: 'image/png' });
    expect(Buffer.from(content?.blob ?? '', 'base64').equals(inline?.data ?? Buffer.alloc(0))).toBe(true);
    const listed = await client.listResources();
    expect(listed.resources.map((resource) => resource.uri)).toContain(link?.uri);

    const info = await client.callTool({ name: 'image_info', arguments: { image: link?.uri } });
    expect(info.structuredContent).toMatchObject({ width: 256, height: 256, format: 'png' });
  });

  it('sends a picture over the budget scaled down, and links it at full size', async () => {
    const noise = await noisePng();
    const result = await small.callTool({
      name: 'crop',
      arguments: { image: dataUri(noise), box: [0, 0, 1, 1] },
    });
    const [inline] = imageBlocks(result);
    const [link] = linksOf(result);
    const shown = await sharp(inline?.data).metadata();
    expect(Math.max(shown.width ?? 0, shown.height ?? 0)).toBeLessThanOrEqual(300);
    expect(inline?.data.length).toBeLessThanOrEqual(64 * 1024);
    expect(link?.description).toMatch(/^the picture above, scaled down to fit, at full size: 1200×900, /);
    const read = await small.readResource({ uri: link?.uri ?? '' });
    const full = await sharp(Buffer.from((read.contents[0] as { blob: string }).blob, 'base64')).metadata();
    expect([full.width, full.height]).toEqual([1200, 900]);
  });

  it('answers a link it does not hold with a clear error, and reads on', async () => {
    const unknown = 'mmskills://image/images/00000000000000000000000000000000.png';
    const result = await client.callTool({ name: 'image_info', arguments: { image: unknown } });
    expect(result.isError).toBe(true);
    expect(((result as CallToolResult).content[0] as { text: string }).text).toContain(
      `${unknown} is not a picture this server holds`,
    );
    await expect(client.readResource({ uri: unknown })).rejects.toThrow(/is not held here/);
    const again = await client.callTool({ name: 'image_info', arguments: { image: astronaut } });
    expect(again.isError).toBeFalsy();
  });

  it('sends a 2025-03-26 client, whose schema has no resource_link, the pictures alone', async () => {
    const skill = spawn(process.execPath, tsxArgs(new URL('../src/bin.ts', import.meta.url)), {
      env: ENV,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const lines = createInterface({ input: skill.stdout })[Symbol.asyncIterator]();
    const ask = async (id: number, method: string, params: object) => {
      skill.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
      return JSON.parse((await lines.next()).value as string) as { result: CallToolResult };
    };
    try {
      const info = {
        protocolVersion: '2025-03-26',
        capabilities: {},
        clientInfo: { name: 'old', version: '0' },
      };
      expect((await ask(1, 'initialize', info)).result).toMatchObject({ protocolVersion: '2025-03-26' });
      skill.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
      const cropped = await ask(2, 'tools/call', {
        name: 'crop',
        arguments: { image: astronaut, box: [0, 0, 0.5, 0.5] },
      });
      expect(cropped.result.content.map((block) => block.type)).toEqual(['text', 'image']);
    } finally {
      skill.stdin.end();
      await once(skill, 'exit');
    }
  }, 30_000);
});
