import { Hono } from 'hono';
import { authenticate, requireOwner } from '../auth/bearer.js';
import { RegistryError } from '../errors.js';
import type { RegistryEnv } from './env.js';
import { presentServer } from './present.js';
import { jsonBody, parseWith } from './request.js';
import { StatusChangeSchema } from './schemas.js';

/**
 * Deprecating, deleting and restoring, one version or all of a server's at once, by the owner of
 * its namespace. A change that changes nothing is refused with 400, as the official document has it.
 */
export function statusRoutes() {
  const app = new Hono<RegistryEnv>();

  app.patch('/servers/:name{.+}/versions/:version/status', async (c) => {
    const { name, version } = c.req.param();
    requireOwner(await authenticate(c, c.var.store, c.var.auth), name);
    const { status, statusMessage } = parseWith(StatusChangeSchema, await jsonBody(c), 'body');
    const now = c.var.now().toISOString();
    const outcome = await c.var.store.setStatus(name, version, status, statusMessage, now);
    if (!outcome) throw new RegistryError(404, `no version ${version} of ${name}`);
    if (!outcome.changed) throw new RegistryError(400, `No changes to apply: status is already ${status}`);
    return c.json(presentServer(outcome.record));
  });

  // A name is one or two path segments (the `/` sent as is or as %2F), so that this route never
  // matches `<name>/versions/<version>/status`: Hono's router picks one match, not the first.
  app.patch('/servers/:name{[^/]+(?:/[^/]+)?}/status', async (c) => {
    const name = c.req.param('name');
    requireOwner(await authenticate(c, c.var.store, c.var.auth), name);
    const { status, statusMessage } = parseWith(StatusChangeSchema, await jsonBody(c), 'body');
    const now = c.var.now().toISOString();
    const changed = await c.var.store.setAllStatuses(name, status, statusMessage, now);
    if (!changed) throw new RegistryError(404, `no server named ${name}`);
    if (changed.length === 0)
      throw new RegistryError(400, `No changes to apply: every version's status is already ${status}`);
    return c.json({ updatedCount: changed.length, servers: changed.map(presentServer) });
  });

  return app;
}
