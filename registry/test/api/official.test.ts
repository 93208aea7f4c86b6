import { beforeEach, describe, expect, it } from 'vitest';
import { ocrTools, serverJson } from '../fixtures.js';
import { registryFixture } from './app-fixture.js';

type Entry = { server: { name: string; version: string }; _meta: Record<string, { status: string }> };
type ServerList = { servers: Entry[] };
const OCR = '/servers/io.github.alice%2Focr';
const summary = (entries: Entry[]) =>
  entries.map(
    ({ server, _meta }) =>
      `${server.version} ${_meta['io.modelcontextprotocol.registry/official']?.status ?? 'no meta'}`,
  );

/** What the official API document (2025-12-01) asks of `/v0.1`, and `/v0` alike. */
describe('the official registry API', () => {
  let registry: ReturnType<typeof registryFixture>;
  let alice: string;
  const get = async (path: string) => {
    const response = await registry.call('GET', path);
    return {
      status: response.status,
      body: (await response.json()) as ServerList & Entry & { error: string },
    };
  };
  const patch = async (path: string, body: unknown) => {
    const response = await registry.call('PATCH', path, body, alice);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeEach(async () => {
    registry = registryFixture();
    alice = await registry.tokenFor('io.github.alice');
    for (const version of ['1.0.0', '1.1.0', '2.0.0'])
      await registry.call(
        'POST',
        '/v0/publish',
        { server: serverJson('io.github.alice/ocr', version), tools: ocrTools },
        alice,
      );
    await patch(`/v0${OCR}/versions/1.0.0/status`, { status: 'deleted' });
  });

  it('serves /v0.1 beside /v0 with the same answers; publish there answers 200', async () => {
    for (const path of ['/servers?limit=2', `${OCR}/versions`, `${OCR}/versions/latest`])
      expect(await get(`/v0.1${path}`)).toEqual(await get(`/v0${path}`));
    const published = await registry.call(
      'POST',
      '/v0.1/publish',
      { server: serverJson('io.github.alice/ocr', '3.0.0'), tools: [] },
      alice,
    );
    expect(published.status).toBe(200);
  });

  it('shows deleted versions when asked, and always to a mirror syncing by updated_since', async () => {
    const list = async (query: string) => summary((await get(`/v0.1/servers?${query}`)).body.servers);
    expect(await list('')).toEqual(['1.1.0 active', '2.0.0 active']);
    expect(await list('include_deleted=true')).toEqual(['1.0.0 deleted', '1.1.0 active', '2.0.0 active']);
    expect(await list('updated_since=2026-11-26T10:00:04Z')).toEqual(['1.0.0 deleted']);
    expect(await list('updated_since=2026-11-26T10:00:04Z&include_deleted=false')).toEqual(['1.0.0 deleted']);
    expect(summary((await get(`/v0.1${OCR}/versions?include_deleted=true`)).body.servers)).toEqual([
      '2.0.0 active',
      '1.1.0 active',
      '1.0.0 deleted',
    ]);
    expect((await get(`/v0.1${OCR}/versions/1.0.0`)).status).toBe(404);
    expect(summary([(await get(`/v0.1${OCR}/versions/1.0.0?include_deleted=true`)).body])).toEqual([
      '1.0.0 deleted',
    ]);
    expect((await get('/v0.1/servers?include_deleted=maybe')).status).toBe(400);
  });

  it('refuses a status change that changes nothing with 400, as the document says', async () => {
    const path = `/v0.1${OCR}/versions/1.1.0/status`;
    expect((await patch(path, { status: 'deprecated', statusMessage: 'use 2.x' })).status).toBe(200);
    const again = await patch(path, { status: 'deprecated' });
    expect(again).toMatchObject({
      status: 400,
      body: { error: 'No changes to apply: status is already deprecated', status: 400 },
    });
    expect((await patch(path, { status: 'deprecated', statusMessage: 'use 3.x' })).status).toBe(200);
    const literal = await patch('/v0.1/servers/io.github.alice/ocr/versions/1.1.0/status', {
      status: 'active',
    });
    expect(literal).toMatchObject({ status: 200, body: { server: { version: '1.1.0' } } });
    expect((await patch(`/v0.1${OCR}/versions/9.9.9/status`, { status: 'deleted' })).status).toBe(404);
  });

  it('changes the status of every version at once and answers AllVersionsStatusResponse', async () => {
    const deleted = await patch(`/v0.1${OCR}/status`, { status: 'deleted', statusMessage: 'withdrawn' });
    expect(deleted.status).toBe(200);
    expect(deleted.body.updatedCount).toBe(3);
    expect(summary(deleted.body.servers as Entry[])).toEqual([
      '2.0.0 deleted',
      '1.1.0 deleted',
      '1.0.0 deleted',
    ]);
    expect((await get(`/v0.1${OCR}/versions/latest`)).status).toBe(404);
    expect((await patch(`/v0${OCR}/status`, { status: 'deleted', statusMessage: 'withdrawn' })).status).toBe(
      400,
    );
    // The name may come with its `/` as is: the route must still not take a version's status path.
    const restored = await patch('/v0/servers/io.github.alice/ocr/status', { status: 'active' });
    expect(restored.body.updatedCount).toBe(3);
    expect((await get(`/v0.1${OCR}/versions/latest`)).body.server.version).toBe('2.0.0');
    const bob = await registry.tokenFor('io.github.bob');
    expect((await registry.call('PATCH', `/v0.1${OCR}/status`, { status: 'deleted' }, bob)).status).toBe(403);
    expect((await patch('/v0.1/servers/io.github.alice%2Fnone/status', { status: 'deleted' })).status).toBe(
      404,
    );
    expect((await patch(`/v0.1${OCR}/status`, { status: 'gone' })).status).toBe(400);
  });

  it.each(['PUT', 'DELETE'])('answers %s of a version with 501 and an error body', async (method) => {
    for (const prefix of ['/v0', '/v0.1']) {
      const response = await registry.call(
        method,
        `${prefix}${OCR}/versions/2.0.0`,
        serverJson('io.github.alice/ocr', '2.0.0'),
        alice,
      );
      expect(response.status).toBe(501);
      expect(await response.json()).toMatchObject({
        status: 501,
        title: 'Not Implemented',
        error: expect.any(String),
      });
    }
    expect((await get(`/v0.1${OCR}/versions/2.0.0`)).status).toBe(200);
  });
});
