import { readFileSync } from 'node:fs';
import { photoPath } from '@mmskills/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostConfigSchema } from '../src/config/schema.js';
import { createHost, type Host } from '../src/host.js';
import { createHostApp } from '../src/http/app.js';
import { quietLog, skills } from './fixtures/hosts.js';

const chelsea = `data:image/png;base64,${readFileSync(photoPath('chelsea')).toString('base64')}`;

describe('the tools API of a host with no model', () => {
  let host: Host;
  let app: ReturnType<typeof createHostApp>['app'];
  let close: () => Promise<void>;

  beforeAll(async () => {
    host = await createHost(HostConfigSchema.parse({ skills: skills('image') }), { log: quietLog });
    ({ app, close } = createHostApp(host, { hostname: '127.0.0.1', log: quietLog }));
  }, 60_000);
  afterAll(async () => {
    await close();
    await host.close();
  });
  const request = (path: string, init: RequestInit = {}) =>
    app.request(`http://127.0.0.1${path}`, {
      ...init,
      headers: { host: '127.0.0.1', 'content-type': 'application/json', ...(init.headers as object) },
    });

  it('lists every running tool with its gateway name and schemas', async () => {
    expect(host.backend).toBeUndefined();
    const { tools } = (await (await request('/v1/tools')).json()) as {
      tools: Array<{ skill: string; name: string; tool: string; inputSchema: { properties: object } }>;
    };
    expect(tools.map((tool) => tool.name)).toEqual([
      'image__image_info',
      'image__crop',
      'image__zoom_in',
      'image__resize',
      'image__rotate',
      'image__annotate',
      'image__blur_regions',
    ]);
    const crop = tools.find((tool) => tool.tool === 'crop');
    expect(crop?.skill).toBe('image');
    expect(Object.keys(crop?.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['image', 'box']));
  });

  it('calls a tool and answers with its text, structured output and picture', async () => {
    const response = await request('/v1/tools/image__crop/call', {
      method: 'POST',
      body: JSON.stringify({ arguments: { image: chelsea, box: [0, 0, 0.5, 0.5] } }),
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as {
      isError?: boolean;
      structuredContent: { width: number };
      content: Array<{ type: string; mimeType?: string }>;
    };
    expect(result.isError ?? false).toBe(false);
    expect(result.structuredContent.width).toBe(226);
    // The host reaches the skill in 2026-07-28: each picture comes with its full-size link.
    expect(result.content.map((block) => block.type)).toEqual(['text', 'image', 'resource_link']);
  });

  it("passes a tool's own refusal through, and refuses unknown tools and bad bodies", async () => {
    const refused = (await (
      await request('/v1/tools/image__crop/call', { method: 'POST', body: JSON.stringify({ arguments: {} }) })
    ).json()) as { isError: boolean; content: Array<{ text: string }> };
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toMatch(/image/);
    const unknown = await request('/v1/tools/image__nope/call', { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(
      /^no tool image__nope; the running skills have: image__image_info, /,
    );
    for (const body of ['{"arguments": [1]}', 'not json']) {
      const bad = await request('/v1/tools/image__crop/call', { method: 'POST', body });
      expect(bad.status).toBe(400);
    }
  });
});
