import { readFileSync } from 'node:fs';
import { photoPath } from '@mmskills/core/testing';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostConfigSchema } from '../src/config/schema.js';
import { createHost, type Host } from '../src/host.js';
import { createHostApp } from '../src/http/app.js';
import { quietLog, skills } from './fixtures/hosts.js';
import { type GatewayClient, gatewayClient } from './fixtures/in-process.js';

const astronaut = `data:image/png;base64,${readFileSync(photoPath('astronaut')).toString('base64')}`;
type Link = { type: 'resource_link'; uri: string; name: string; mimeType?: string };
const linkOf = (result: unknown) =>
  (result as CallToolResult).content.find((block): block is Link => block.type === 'resource_link');
const blobOf = (read: { contents: unknown[] }) =>
  Buffer.from((read.contents[0] as { blob: string }).blob, 'base64');

// Both eras' clients through the host's gateway: a picture one skill made comes back linked, reads
// through the gateway, and goes by its link to the same skill or to another one.
describe.each(['2025-11-25', '2026-07-28'] as const)(
  'pictures by reference through the gateway (%s)',
  (era) => {
    let host: Host;
    let close: () => Promise<void>;
    let client: GatewayClient;
    let app: ReturnType<typeof createHostApp>['app'];

    beforeAll(async () => {
      host = await createHost(HostConfigSchema.parse({ skills: skills('image', 'face') }), { log: quietLog });
      const created = createHostApp(host, { hostname: '127.0.0.1', log: quietLog });
      close = created.close;
      app = created.app;
      client = await gatewayClient(created.app, era);
    }, 120_000);

    afterAll(async () => {
      await client?.close();
      await close?.();
      await host?.close();
    });

    it('links a picture a skill made, reads it through the gateway, and takes the link back', async () => {
      const cropped = await client.callTool({
        name: 'image__crop',
        arguments: { image: astronaut, box: [0.25, 0, 0.75, 0.6] },
      });
      const link = linkOf(cropped);
      expect(link?.uri).toMatch(/^mmskills:\/\/image\/images\/[0-9a-f]{32}\.png$/);
      const full = await sharp(blobOf(await client.readResource({ uri: link?.uri ?? '' }))).metadata();
      expect([full.width, full.height]).toEqual([256, 308]);
      expect((await client.listResources()).resources.map((resource) => resource.uri)).toContain(link?.uri);

      const info = await client.callTool({ name: 'image__image_info', arguments: { image: link?.uri } });
      expect(info.structuredContent).toMatchObject({ width: 256, height: 308 });
      // Another skill holds none of image's pictures: the gateway hands it the picture itself.
      const faces = await client.callTool({ name: 'face__detect_faces', arguments: { image: link?.uri } });
      expect(faces.isError).toBeFalsy();
      expect((faces.structuredContent as { faces: unknown[] }).faces).toHaveLength(1);
    }, 60_000);

    it('takes a picture uploaded to the host (POST /v1/images) by its URI, for any tool', async () => {
      const upload = (body: Buffer | string, type: string) =>
        app.request('http://127.0.0.1:8080/v1/images', {
          method: 'POST',
          headers: { host: '127.0.0.1:8080', 'content-type': type },
          body,
        });
      const bytes = readFileSync(photoPath('astronaut'));
      const response = await upload(bytes, 'image/png');
      expect(response.status).toBe(201);
      const stored = (await response.json()) as { uri: string; size: number; width: number };
      expect(stored).toMatchObject({
        uri: expect.stringMatching(/^mmskills:\/\/host\/images\//),
        size: bytes.length,
        width: 512,
      });
      const info = await client.callTool({ name: 'image__image_info', arguments: { image: stored.uri } });
      expect(info.structuredContent, JSON.stringify(info.content)).toMatchObject({
        width: 512,
        height: 512,
        bytes: bytes.length,
      });
      expect(blobOf(await client.readResource({ uri: stored.uri })).equals(bytes)).toBe(true);

      const refused = await upload('not a picture', 'image/png');
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
        /one picture's bytes/,
      );
    }, 60_000);

    it('refuses a link no skill here made, and a picture no longer held, with a clear error', async () => {
      const stranger = 'mmskills://nobody/images/00000000000000000000000000000000.png';
      const refused = await client.callTool({ name: 'face__detect_faces', arguments: { image: stranger } });
      expect(refused.isError).toBe(true);
      expect(JSON.stringify(refused.content)).toContain(`${stranger} is not a picture of a skill here`);
      const gone = 'mmskills://image/images/00000000000000000000000000000000.png';
      await expect(client.readResource({ uri: gone })).rejects.toThrow(/is not held here/);
    }, 60_000);
  },
);
