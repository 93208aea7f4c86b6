import { Hono } from 'hono';
import { RegistryError } from '../errors.js';
import type { RegistryStore } from '../store/store.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { RegistryEnv } from './env.js';
import { presentServer } from './present.js';
import { parseWith } from './request.js';
import { ListServersQuerySchema, VersionsQuerySchema } from './schemas.js';

/**
 * Reading the repository, as the official API document has it: the list of servers, a server's
 * versions, one version. Mounted under `/v0` and `/v0.1`.
 */
export function serverRoutes() {
  const app = new Hono<RegistryEnv>();

  app.get('/servers', async (c) => {
    const query = parseWith(ListServersQuerySchema, c.req.query(), 'query');
    const page = await c.var.store.listServers({
      limit: query.limit,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      search: query.search,
      version: query.version,
      updatedSince: query.updated_since && new Date(query.updated_since).toISOString(),
      // A mirror syncing by `updated_since` must see deletions, so they come with it (as the document says).
      includeDeleted: query.include_deleted === true || query.updated_since !== undefined,
    });
    return c.json({
      servers: page.items.map(presentServer),
      metadata: { ...(page.next ? { nextCursor: encodeCursor(page.next) } : {}), count: page.items.length },
    });
  });

  app.get('/servers/:name{.+}/versions', async (c) => {
    const name = c.req.param('name');
    const { include_deleted } = parseWith(VersionsQuerySchema, c.req.query(), 'query');
    const versions = await c.var.store.listVersions(name, { includeDeleted: include_deleted });
    if (versions.length === 0) throw new RegistryError(404, `no server named ${name}`);
    return c.json({ servers: versions.map(presentServer), metadata: { count: versions.length } });
  });

  app.get('/servers/:name{.+}/versions/:version', async (c) => {
    const { name, version } = c.req.param();
    const { include_deleted } = parseWith(VersionsQuerySchema, c.req.query(), 'query');
    return c.json(presentServer(await visibleVersion(c.var.store, name, version, include_deleted)));
  });

  return app;
}

/** A stored version, or 404 when there is none or it is deleted and deleted ones were not asked for. */
export async function visibleVersion(
  store: RegistryStore,
  name: string,
  version: string,
  includeDeleted = false,
) {
  const record = await store.getVersion(name, version);
  if (!record || (record.meta.status === 'deleted' && !includeDeleted)) {
    throw new RegistryError(404, `no version ${version} of ${name}`);
  }
  return record;
}
