import { Hono } from 'hono';
import { RegistryError } from '../errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { RegistryEnv } from './env.js';
import { presentServer } from './present.js';
import { parseWith } from './request.js';
import { ListServersQuerySchema } from './schemas.js';

/** Reading the repository: `GET /v0/servers`, a server's versions, one version, its tools. */
export function serverRoutes() {
  const app = new Hono<RegistryEnv>();

  app.get('/v0/servers', async (c) => {
    const query = parseWith(ListServersQuerySchema, c.req.query(), 'query');
    const page = await c.var.store.listServers({
      limit: query.limit,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      search: query.search,
      version: query.version,
      updatedSince: query.updated_since && new Date(query.updated_since).toISOString(),
    });
    return c.json({
      servers: page.items.map(presentServer),
      metadata: { ...(page.next ? { nextCursor: encodeCursor(page.next) } : {}), count: page.items.length },
    });
  });

  app.get('/v0/servers/:name{.+}/versions', async (c) => {
    const name = c.req.param('name');
    const versions = (await c.var.store.listVersions(name)).filter(
      (record) => record.meta.status !== 'deleted',
    );
    if (versions.length === 0) throw new RegistryError(404, `no server named ${name}`);
    return c.json({ servers: versions.map(presentServer), metadata: { count: versions.length } });
  });

  app.get('/v0/servers/:name{.+}/versions/:version/tools', async (c) => {
    const { name, version } = c.req.param();
    const record = await visibleVersion(c.var.store, name, version);
    const tools = (await c.var.store.getTools(name, record.server.version)) ?? [];
    return c.json({ server: { name, version: record.server.version }, tools });
  });

  app.get('/v0/servers/:name{.+}/versions/:version', async (c) => {
    const { name, version } = c.req.param();
    return c.json(presentServer(await visibleVersion(c.var.store, name, version)));
  });

  return app;
}

async function visibleVersion(store: RegistryEnv['Variables']['store'], name: string, version: string) {
  const record = await store.getVersion(name, version);
  if (!record || record.meta.status === 'deleted') {
    throw new RegistryError(404, `no version ${version} of ${name}`);
  }
  return record;
}
