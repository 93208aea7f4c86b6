import { beforeAll, describe, expect, it } from 'vitest';
import { detectTools, faceTools, ocrTools, serverJson } from '../fixtures.js';
import { registryFixture } from './app-fixture.js';

type ServerList = {
  servers: Array<{ server: { name: string; version: string } }>;
  metadata: { nextCursor?: string; count: number };
};

describe('reading the registry', () => {
  const registry = registryFixture();

  beforeAll(async () => {
    const token = await registry.tokenFor('io.github.mmskills');
    const publish = (name: string, version: string, tools: unknown[]) =>
      registry.call(
        'POST',
        '/v0/publish',
        { server: serverJson(`io.github.mmskills/${name}`, version), tools },
        token,
      );
    await publish('ocr', '1.0.0', ocrTools);
    await publish('detect', '1.0.0', detectTools);
    await publish('face', '0.9.0', faceTools);
    await publish('face', '1.0.0', faceTools);
  });

  it('pages through every version with cursors', async () => {
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const response = await registry.call('GET', `/v0/servers?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      const page = (await response.json()) as ServerList;
      names.push(
        ...page.servers.map((entry) => `${entry.server.name.split('/')[1]}@${entry.server.version}`),
      );
      cursor = page.metadata.nextCursor;
    } while (cursor);
    expect(names).toEqual(['detect@1.0.0', 'face@0.9.0', 'face@1.0.0', 'ocr@1.0.0']);
  });

  it('filters to latest versions and by name', async () => {
    const page = (await (
      await registry.call('GET', '/v0/servers?version=latest&search=fac')
    ).json()) as ServerList;
    expect(page.servers.map((entry) => entry.server.version)).toEqual(['1.0.0']);
    expect(page.metadata).toEqual({ count: 1 });
  });

  it('lists versions of one server and gets latest', async () => {
    const versions = (await (
      await registry.call('GET', '/v0/servers/io.github.mmskills%2Fface/versions')
    ).json()) as ServerList;
    // Newest publication first, as the official document orders them.
    expect(versions.servers.map((entry) => entry.server.version)).toEqual(['1.0.0', '0.9.0']);
    const latest = await registry.call('GET', '/v0/servers/io.github.mmskills/face/versions/latest');
    expect(((await latest.json()) as { server: { version: string } }).server.version).toBe('1.0.0');
  });

  it('searches tools by what they do, returning their skill and input schema', async () => {
    const response = await registry.call(
      'GET',
      '/v0/tools?q=read%20the%20words%20printed%20on%20this%20receipt&limit=2',
    );
    const body = (await response.json()) as {
      tools: Array<{ server: { name: string }; tool: { name: string; inputSchema: unknown } }>;
    };
    expect(body.tools[0]?.server.name).toBe('io.github.mmskills/ocr');
    expect(body.tools[0]?.tool.name).toBe('read_text');
    expect(body.tools[0]?.tool.inputSchema).toMatchObject({ type: 'object', required: ['image'] });
  });

  it.each([
    ['/v0/servers?limit=0', 400],
    ['/v0/servers?limit=101', 400],
    ['/v0/servers?updated_since=yesterday', 400],
    ['/v0/servers?cursor=not-a-cursor', 400],
    ['/v0/tools', 400],
    ['/v0/servers/io.github.mmskills%2Fnone/versions', 404],
    ['/v0/servers/io.github.mmskills%2Focr/versions/9.9.9', 404],
    ['/v0/nothing', 404],
  ])('answers GET %s with %i and a JSON error', async (path, status) => {
    const response = await registry.call('GET', path);
    expect(response.status).toBe(status);
    expect(await response.json()).toHaveProperty('error');
  });

  it('lets browser pages of any origin read it, errors included', async () => {
    for (const path of [
      '/v0.1/servers',
      '/v0/servers/io.github.mmskills%2Fnone/versions',
      '/v0/tools?q=text',
    ]) {
      const response = await registry.app.request(path, { headers: { origin: 'https://ui.example.com' } });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it('answers the preflight of a cross-origin write: the bearer token is a header, never ambient', async () => {
    const response = await registry.app.request('/v0.1/servers/io.github.mmskills%2Fface/status', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://ui.example.com',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toBe(
      'authorization,content-type',
    );
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('serves health and an OpenAPI document of its routes', async () => {
    expect(await (await registry.call('GET', '/health')).json()).toMatchObject({
      status: 'ok',
      store: 'sqlite',
      servers: 3,
    });
    const openapi = (await (await registry.call('GET', '/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toContain('/v0/tools');
  });

  it('answers its bare address with what it is and its routes, not a 404', async () => {
    const response = await registry.call('GET', '/');
    expect(response.status).toBe(200);
    const index = (await response.json()) as { name: string; openapi: string; routes: string[] };
    expect(index).toMatchObject({ name: 'mmskills registry', health: '/health', openapi: '/openapi.json' });
    expect(index.routes).toContain('GET /v0/tools: Search tools');
    expect(index.routes).toContain(
      'POST /v0/publish: Publish a version: {server, tools} or a bare server.json',
    );
  });
});
