import { beforeEach, describe, expect, it } from 'vitest';
import { detectTools, ocrTools, serverJson } from '../fixtures.js';
import { ADMIN, registryFixture } from './app-fixture.js';

describe('POST /v0/publish', () => {
  let registry: ReturnType<typeof registryFixture>;
  let alice: string;

  beforeEach(async () => {
    registry = registryFixture();
    alice = await registry.tokenFor('io.github.alice/*');
  });

  it('publishes a skill manifest inside the token namespace', async () => {
    const response = await registry.call(
      'POST',
      '/v0/publish',
      { server: serverJson('io.github.alice/ocr', '1.0.0'), tools: ocrTools },
      alice,
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      server: { name: 'io.github.alice/ocr', version: '1.0.0' },
      _meta: { 'io.modelcontextprotocol.registry/official': { status: 'active', isLatest: true } },
    });
    const tools = await registry.call('GET', '/v0/servers/io.github.alice%2Focr/versions/1.0.0/tools');
    expect(await tools.json()).toEqual({
      server: { name: 'io.github.alice/ocr', version: '1.0.0' },
      tools: ocrTools,
    });
  });

  it.each([
    ['v1.0.0', 'must be written without the "v", as 1.0.0'],
    ['1.0.0\u0000', 'must be a version such as 1.0.0'],
    ['../../x', 'must be a version such as 1.0.0'],
    ['🚀', 'must be a version such as 1.0.0'],
  ])('refuses version %j with a 400 that says why', async (version, message) => {
    const response = await registry.call(
      'POST',
      '/v0/publish',
      { server: serverJson('io.github.alice/ocr', version), tools: ocrTools },
      alice,
    );
    expect(response.status).toBe(400);
    const { details } = (await response.json()) as { details: Array<{ pointer: string; message: string }> };
    expect(details).toContainEqual({ pointer: '/server/version', message: expect.stringContaining(message) });
  });

  it('answers JSON nested thousands deep with 400, not a stack overflow', async () => {
    // Written as text: the test's own JSON.stringify would overflow on it first.
    const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const tool = JSON.stringify({ ...(ocrTools[0] as object), inputSchema: { type: 'object' } }).replace(
      '"inputSchema":{"type":"object"}',
      `"inputSchema":{"type":"object","properties":{"x":${deep}}}`,
    );
    const body = `{"server":${JSON.stringify(serverJson('io.github.alice/deep', '1.0.0'))},"tools":[${tool}]}`;
    const response = await registry.call('POST', '/v0/publish', body, alice);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/nested deeper than \d+ levels/);
    expect((await registry.call('GET', '/v0/servers?version=latest')).status).toBe(200);
  });

  it('accepts a bare server.json, as the official publisher sends', async () => {
    const response = await registry.call(
      'POST',
      '/v0/publish',
      serverJson('io.github.alice/plain', '0.1.0'),
      alice,
    );
    expect(response.status).toBe(201);
  });

  it.each([
    ['no token', undefined, 401, /missing bearer token/],
    ['an unknown token', 'mmsk_nope', 401, /unknown token/],
  ])('refuses %s', async (_case, token, status, message) => {
    const response = await registry.call(
      'POST',
      '/v0/publish',
      { server: serverJson('io.github.alice/ocr', '1.0.0'), tools: [] },
      token,
    );
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
  });

  it('refuses names outside the namespace (403) and changes nothing', async () => {
    const response = await registry.call(
      'POST',
      '/v0/publish',
      { server: serverJson('io.github.bob/ocr', '1.0.0'), tools: [] },
      alice,
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toBe(
      'your token may publish only under io.github.alice/, not io.github.bob/ocr',
    );
    expect((await registry.call('GET', '/v0/servers/io.github.bob%2Focr/versions')).status).toBe(404);
  });

  it('keeps versions immutable (409)', async () => {
    const body = { server: serverJson('io.github.alice/ocr', '1.0.0'), tools: ocrTools };
    expect((await registry.call('POST', '/v0/publish', body, alice)).status).toBe(201);
    const again = await registry.call('POST', '/v0/publish', { ...body, tools: detectTools }, alice);
    expect(again.status).toBe(409);
    const tools = (await (
      await registry.call('GET', '/v0/servers/io.github.alice%2Focr/versions/1.0.0/tools')
    ).json()) as {
      tools: unknown[];
    };
    expect(tools.tools).toEqual(ocrTools);
  });

  it.each([
    [
      'a version range',
      { server: serverJson('io.github.alice/ocr', '^1.0.0'), tools: [] },
      '/server/version',
    ],
    [
      'a long description',
      { server: serverJson('io.github.alice/ocr', '1.0.0', 'x'.repeat(101)), tools: [] },
      '/server/description',
    ],
    [
      'a tool name with a space',
      { server: serverJson('io.github.alice/ocr', '1.0.0'), tools: [{ ...ocrTools[0], name: 'read text' }] },
      '/tools/0/name',
    ],
    [
      'a malformed JSON Schema',
      {
        server: serverJson('io.github.alice/ocr', '1.0.0'),
        tools: [{ ...ocrTools[0], inputSchema: { type: 'object', properties: { a: { type: 'nonsense' } } } }],
      },
      '/tools/0/inputSchema/properties/a/type',
    ],
  ])('refuses %s with 400 naming the JSON pointer', async (_case, body, pointer) => {
    const response = await registry.call('POST', '/v0/publish', body, alice);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { details: Array<{ pointer: string }> };
    expect(error.details.map((detail) => detail.pointer)).toContain(pointer);
  });

  it('names each wrong field by JSON pointer in the problem detail and its error lists', async () => {
    const server = {
      ...serverJson('io.github.alice/ocr', '1.0.0', 'x'.repeat(101)),
      websiteUrl: 'home page',
    };
    const response = await registry.call('POST', '/v0/publish', { server, tools: ocrTools }, alice);
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      error: 'invalid skill manifest',
    });
    expect(body.detail).toMatch(
      /^invalid skill manifest: \/server\/description: .+; \/server\/websiteUrl: .+$/,
    );
    expect(body.errors).toEqual([
      { location: '/server/description', message: expect.any(String) },
      { location: '/server/websiteUrl', message: expect.any(String) },
    ]);
    const query = (await (await registry.call('GET', '/v0/servers?limit=0')).json()) as { detail: string };
    expect(query.detail).toMatch(/^invalid query: \/limit: /);
  });

  it("keeps a remote's URL variables and a package of any registry type, as the schema allows", async () => {
    const server = {
      ...serverJson('io.github.alice/remote', '1.0.0'),
      packages: [
        { registryType: 'cargo', identifier: 'remote-mcp', version: '1.0.0', transport: { type: 'stdio' } },
      ],
      remotes: [
        {
          type: 'streamable-http',
          url: 'https://{tenant}.example.com/mcp',
          variables: { tenant: { description: 'Your tenant', isRequired: true } },
        },
      ],
    };
    expect((await registry.call('POST', '/v0/publish', server, alice)).status).toBe(201);
    const read = await registry.call('GET', '/v0.1/servers/io.github.alice%2Fremote/versions/1.0.0');
    const { server: stored } = (await read.json()) as { server: typeof server };
    expect(stored.remotes).toEqual(server.remotes);
    expect(stored.packages).toEqual(server.packages);
  });

  it('refuses an oversized body with 413 before reading it', async () => {
    const response = await registry.call(
      'POST',
      '/v0/publish',
      `{"pad":"${'x'.repeat(10 * 1024 * 1024)}"}`,
      alice,
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/request body over/);
  });

  it('refuses a streamed body with 413 once it passes the limit, and stores nothing', async () => {
    const megabyte = new TextEncoder().encode('x'.repeat(1024 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 64) controller.close();
        else controller.enqueue(megabyte);
      },
    });
    const response = await registry.app.request('/v0/publish', {
      method: 'POST',
      headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(64);
    expect((await registry.store.listServers({ limit: 10 })).items).toEqual([]);
  });

  it('reads a body sent in many small chunks, split inside multi-byte characters', async () => {
    const text = JSON.stringify({
      server: serverJson('io.github.alice/ocr', '1.0.0', 'Lit le texte: «café», 漢字'),
      tools: ocrTools,
    });
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 7) controller.enqueue(bytes.slice(at, at + 7));
        controller.close();
      },
    });
    const response = await registry.app.request('/v0/publish', {
      method: 'POST',
      headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(201);
    const stored = await registry.store.getVersion('io.github.alice/ocr', '1.0.0');
    expect(stored?.server.description).toBe('Lit le texte: «café», 漢字');
  });

  it('refuses a body that is not JSON', async () => {
    const response = await registry.call('POST', '/v0/publish', '{"server": ', alice);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'the body is not valid JSON',
      error: 'the body is not valid JSON',
    });
  });

  it('lets the namespace owner deprecate and delete, and moves latest', async () => {
    for (const version of ['1.0.0', '1.1.0']) {
      await registry.call(
        'POST',
        '/v0/publish',
        { server: serverJson('io.github.alice/ocr', version), tools: ocrTools },
        alice,
      );
    }
    const bob = await registry.tokenFor('io.github.bob');
    const path = '/v0/servers/io.github.alice%2Focr/versions/1.1.0/status';
    expect((await registry.call('PATCH', path, { status: 'deleted' }, bob)).status).toBe(403);
    expect((await registry.call('PATCH', path, { status: 'gone' }, alice)).status).toBe(400);
    const deleted = await registry.call(
      'PATCH',
      path,
      { status: 'deleted', statusMessage: 'bad build' },
      alice,
    );
    expect(deleted.status).toBe(200);
    expect((await registry.call('GET', '/v0/servers/io.github.alice%2Focr/versions/1.1.0')).status).toBe(404);
    const latest = await registry.call('GET', '/v0/servers/io.github.alice%2Focr/versions/latest');
    expect(((await latest.json()) as { server: { version: string } }).server.version).toBe('1.0.0');
    const restored = await registry.call('PATCH', path, { status: 'active' }, ADMIN);
    expect(restored.status).toBe(200);
  });
});

describe('POST /v0/admin/tokens', () => {
  it('needs the admin token and a reverse-DNS namespace', async () => {
    const registry = registryFixture();
    const alice = await registry.tokenFor('io.github.alice');
    expect(
      (await registry.call('POST', '/v0/admin/tokens', { namespace: 'io.github.eve' }, alice)).status,
    ).toBe(403);
    expect((await registry.call('POST', '/v0/admin/tokens', { namespace: 'eve' }, ADMIN)).status).toBe(400);
    expect((await registry.call('POST', '/v0/admin/tokens', { namespace: 'io.github.eve' })).status).toBe(
      401,
    );
  });
});
