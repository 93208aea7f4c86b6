import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerJsonSchema } from '@mmskills/core';
import { tsxArgs } from '@mmskills/core/testing';
import { type ListeningProcess, spawnListening } from '@mmskills/skill-kit/testing';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  errorSchema,
  type OracleCaller,
  openApi,
  openApiText,
  oracleCaller,
  responseSchema,
} from './registry-oracle.js';

const ADMIN = 'conformance-admin';
const OWNER = 'io.github.conformance';
const NAME = `${OWNER}/demo`;
let registry: ListeningProcess;
let call: OracleCaller['call'];
let covered: OracleCaller['covered'];
let owner: string;
let stranger: string;
/** A time between the status changes and the last deletion, for `updated_since`. */
let since = '';

const server = (version: string, extra: Record<string, unknown> = {}) => ({
  $schema: 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
  name: NAME,
  description: 'Conformance demo',
  version,
  packages: [{ registryType: 'npm', identifier: '@conformance/demo', version, transport: { type: 'stdio' } }],
  ...extra,
});
const versionOf = (entry: unknown) => (entry as { server: { version: string } }).server.version;
const listed = (body: Record<string, unknown>) => (body.servers as unknown[]).map(versionOf);

beforeAll(async () => {
  // The real bin over SQLite, seeded with the built-in skills, so their server.json are checked too.
  registry = await spawnListening(
    [
      ...tsxArgs(new URL('../../registry/src/bin.ts', import.meta.url)),
      ...['--port', '0', '--data', mkdtempSync(join(tmpdir(), 'registry-openapi-'))],
    ],
    { ...process.env, MMSKILLS_REGISTRY_ADMIN_TOKEN: ADMIN, DATABASE_URL: '' },
  );
  const token = async (namespace: string) => {
    const response = await fetch(`${registry.url}/v0/admin/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ namespace }),
    });
    return ((await response.json()) as { token: string }).token;
  };
  [owner, stranger] = await Promise.all([token(OWNER), token('io.github.stranger')]);
  ({ call, covered } = oracleCaller(registry.url));
});
afterAll(() => registry?.stop());

describe('the registry against the official registry API document (2025-12-01)', () => {
  it('uses the vendored document unchanged (see oracle/README.md)', () => {
    expect(createHash('sha256').update(openApiText).digest('hex')).toBe(
      'dd446948e9028b4357a1f0b8ca078991773a22aab8c1a3b7dbd2dc4dd21077b7',
    );
    expect(openApi.info.version).toBe('2025-12-01');
    // The checker must refuse what the document refuses, or the passes below mean nothing.
    const one = responseSchema('/v0.1/servers/{serverName}/versions/{version}', 'get', '200');
    const meta = {
      status: 'active',
      publishedAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      isLatest: true,
    };
    const valid = { server: server('1.0.0'), _meta: { 'io.modelcontextprotocol.registry/official': meta } };
    expect(one(valid)).toBe(true);
    for (const wrong of [
      { ...valid, server: { ...server('1.0.0'), name: 'no-namespace' } },
      { ...valid, _meta: { 'io.modelcontextprotocol.registry/official': { ...meta, status: 'gone' } } },
      { ...valid, _meta: { 'io.modelcontextprotocol.registry/official': { ...meta, publishedAt: 'today' } } },
      { ...valid, _meta: { 'io.modelcontextprotocol.registry/official': { ...meta, toolCount: 3 } } },
    ])
      expect(one(wrong)).toBe(false);
    expect(errorSchema()({ error: 404 })).toBe(false);
  });

  it('publishes, and refuses what it must', async () => {
    const remote = {
      type: 'streamable-http',
      url: 'https://{tenant}.example.com/mcp',
      variables: { tenant: { description: 'Your tenant', isRequired: true } },
    };
    const cargo = {
      registryType: 'cargo',
      identifier: 'demo',
      version: '1.0.0',
      transport: { type: 'stdio' },
    };
    const first = await call('post', '/publish', {
      body: server('1.0.0', { remotes: [remote], packages: [cargo] }),
      token: owner,
    });
    expect(first.status).toBe(200);
    expect((first.body.server as { remotes: unknown[] }).remotes).toEqual([remote]);
    expect(
      (await call('post', '/publish', { body: server('1.1.0'), token: owner, prefix: '/v0' })).status,
    ).toBe(201);
    expect((await call('post', '/publish', { body: server('2.0.0'), token: owner })).status).toBe(200);
    expect((await call('post', '/publish', { body: server('2.0.0'), token: owner })).status).toBe(409);
    expect((await call('post', '/publish', { body: server('3.0.0') })).status).toBe(401);
    expect((await call('post', '/publish', { body: server('3.0.0'), token: stranger })).status).toBe(403);
    const invalid = await call('post', '/publish', {
      body: server('3.0.0', { websiteUrl: 'home' }),
      token: owner,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.detail).toContain('/websiteUrl');
  });

  it('changes status per version and for all versions, and refuses what changes nothing', async () => {
    const one = { serverName: NAME, version: '1.0.0' };
    const status = '/servers/{serverName}/versions/{version}/status';
    expect(
      (await call('patch', status, { params: one, body: { status: 'deleted' }, token: owner })).status,
    ).toBe(200);
    const again = await call('patch', status, { params: one, body: { status: 'deleted' }, token: owner });
    expect(again.body.error).toBe('No changes to apply: status is already deleted');
    expect((await call('patch', status, { params: one, body: { status: 'deleted' } })).status).toBe(401);
    expect(
      (await call('patch', status, { params: one, body: { status: 'active' }, token: stranger })).status,
    ).toBe(403);
    const unknown = { serverName: NAME, version: '9.9.9' };
    expect(
      (await call('patch', status, { params: unknown, body: { status: 'deleted' }, token: owner })).status,
    ).toBe(404);
    expect(
      (await call('patch', status, { params: one, body: { status: 'gone' }, token: owner })).status,
    ).toBe(400);

    const all = '/servers/{serverName}/status';
    const deprecate = {
      params: { serverName: NAME },
      body: { status: 'deprecated', statusMessage: 'use 3.x' },
    };
    const changed = await call('patch', all, { ...deprecate, token: owner });
    expect(changed.body.updatedCount).toBe(3);
    expect((await call('patch', all, { ...deprecate, token: owner })).status).toBe(400);
    expect((await call('patch', all, deprecate)).status).toBe(401);
    expect((await call('patch', all, { ...deprecate, token: stranger })).status).toBe(403);
    const none = { params: { serverName: `${OWNER}/none` }, body: { status: 'deleted' }, token: owner };
    expect((await call('patch', all, none)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 5));
    since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(
      (await call('patch', status, { params: one, body: { status: 'deleted' }, token: owner })).status,
    ).toBe(200);
  });

  it('lists servers: pages, search, latest, updated_since with deletions, include_deleted', async () => {
    const pages: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await call('get', '/servers', {
        query: `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      });
      pages.push(...(page.body.servers as unknown[]));
      cursor = (page.body.metadata as { nextCursor?: string }).nextCursor;
    } while (cursor);
    expect(pages.length).toBeGreaterThan(2);
    expect(listed((await call('get', '/servers', { query: 'search=conformance' })).body)).toEqual([
      '1.1.0',
      '2.0.0',
    ]);
    expect(
      listed((await call('get', '/servers', { query: 'search=conformance&version=latest' })).body),
    ).toEqual(['2.0.0']);
    expect(listed((await call('get', '/servers', { query: `updated_since=${since}` })).body)).toEqual([
      '1.0.0',
    ]);
    const all = await call('get', '/servers', { query: 'search=conformance&include_deleted=true' });
    expect(listed(all.body)).toEqual(['1.0.0', '1.1.0', '2.0.0']);
    for (const query of ['limit=0', 'cursor=nope', 'updated_since=yesterday', 'include_deleted=maybe'])
      expect((await call('get', '/servers', { query })).status).toBe(400);
  });

  it('lists versions newest first and gets one, deleted ones when asked', async () => {
    const versions = '/servers/{serverName}/versions';
    const params = { serverName: NAME };
    expect(listed((await call('get', versions, { params })).body)).toEqual(['2.0.0', '1.1.0']);
    const all = await call('get', versions, { params, query: 'include_deleted=true' });
    expect(listed(all.body)).toEqual(['2.0.0', '1.1.0', '1.0.0']);
    expect((await call('get', versions, { params: { serverName: `${OWNER}/none` } })).status).toBe(404);
    const one = '/servers/{serverName}/versions/{version}';
    expect(versionOf((await call('get', one, { params: { ...params, version: 'latest' } })).body)).toBe(
      '2.0.0',
    );
    expect((await call('get', one, { params: { ...params, version: '1.1.0' } })).status).toBe(200);
    expect((await call('get', one, { params: { ...params, version: '1.0.0' } })).status).toBe(404);
    const deleted = await call('get', one, {
      params: { ...params, version: '1.0.0' },
      query: 'include_deleted=true',
    });
    expect(deleted.status).toBe(200);
    for (const method of ['put', 'delete'] as const)
      expect(
        (
          await call(method, one, {
            params: { ...params, version: '2.0.0' },
            body: server('2.0.0'),
            token: owner,
          })
        ).status,
      ).toBe(501);
  });

  it('answers the same on /v0 as on /v0.1', async () => {
    for (const [template, params] of [
      ['/servers', {}],
      ['/servers/{serverName}/versions', { serverName: NAME }],
      ['/servers/{serverName}/versions/{version}', { serverName: NAME, version: 'latest' }],
    ] as const) {
      const stable = await call('get', template, { params, query: 'include_deleted=true' });
      expect(await call('get', template, { params, query: 'include_deleted=true', prefix: '/v0' })).toEqual(
        stable,
      );
    }
  });

  it('covered every operation of the document it serves, with its documented statuses', () => {
    expect(new Set(covered)).toEqual(
      new Set([
        'DELETE /servers/{serverName}/versions/{version} 501',
        'GET /servers 200',
        'GET /servers 400 (not in the document)',
        'GET /servers/{serverName}/versions 200',
        'GET /servers/{serverName}/versions 404',
        'GET /servers/{serverName}/versions/{version} 200',
        'GET /servers/{serverName}/versions/{version} 404',
        'PATCH /servers/{serverName}/status 200',
        'PATCH /servers/{serverName}/status 400',
        'PATCH /servers/{serverName}/status 401',
        'PATCH /servers/{serverName}/status 403',
        'PATCH /servers/{serverName}/status 404',
        'PATCH /servers/{serverName}/versions/{version}/status 200',
        'PATCH /servers/{serverName}/versions/{version}/status 400',
        'PATCH /servers/{serverName}/versions/{version}/status 401',
        'PATCH /servers/{serverName}/versions/{version}/status 403',
        'PATCH /servers/{serverName}/versions/{version}/status 404',
        'POST /publish 200',
        'POST /publish 201 (as 200)',
        'POST /publish 400 (not in the document)',
        'POST /publish 401',
        'POST /publish 403',
        'POST /publish 409 (not in the document)',
        'PUT /servers/{serverName}/versions/{version} 501',
      ]),
    );
  });
});

// What core's ServerJsonSchema accepts is what the official server.json schema accepts, no more and no less.
describe('server.json accepted as the official schema (2025-12-11) accepts it', () => {
  const schema = JSON.parse(readFileSync(new URL('./oracle/server.schema.json', import.meta.url), 'utf8'));
  const official = new AjvJsonSchemaValidator().getValidator(schema);
  it.each([
    [
      'a package of a registry the schema does not name',
      {
        packages: [
          { registryType: 'cargo', identifier: 'x', version: '1.0.0', transport: { type: 'stdio' } },
        ],
      },
    ],
    [
      'a remote with URL variables',
      {
        remotes: [
          { type: 'sse', url: 'https://{region}.example.com/sse', variables: { region: { default: 'eu' } } },
        ],
      },
    ],
    ['a remote on ftp', { remotes: [{ type: 'sse', url: 'ftp://example.com/sse' }] }],
    ['a remote URL with a space', { remotes: [{ type: 'streamable-http', url: 'https://example.com/a b' }] }],
    [
      'a variable that is not an input',
      { remotes: [{ type: 'sse', url: 'https://x.example.com/{a}', variables: { a: 'eu' } }] },
    ],
  ])('agrees on %s', (_case, change) => {
    const document = { ...server('1.0.0'), ...change };
    expect(ServerJsonSchema.safeParse(document).success).toBe(official(document).valid);
  });
});
