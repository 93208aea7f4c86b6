import { validateServerJson, validateSkillManifest } from '@mmskills/core';
import { Hono } from 'hono';
import { authenticate, requireOwner } from '../auth/bearer.js';
import { RegistryError } from '../errors.js';
import { VersionExistsError } from '../store/store.js';
import type { RegistryEnv } from './env.js';
import { presentServer } from './present.js';
import { jsonBody, parseWith } from './request.js';
import { StatusChangeSchema } from './schemas.js';

/** Writing: `POST /v0/publish` and status changes. The registry stores documents; it never runs code. */
export function publishRoutes() {
  const app = new Hono<RegistryEnv>();

  app.post('/v0/publish', async (c) => {
    const caller = await authenticate(c, c.var.store, c.var.auth);
    const { server, tools } = validatePublication(await jsonBody(c));
    requireOwner(caller, server.name);
    try {
      const record = await c.var.store.publish({ server, tools, now: c.var.now().toISOString() });
      return c.json(presentServer(record), 201);
    } catch (error) {
      if (error instanceof VersionExistsError) throw new RegistryError(409, error.message);
      throw error;
    }
  });

  app.patch('/v0/servers/:name{.+}/versions/:version/status', async (c) => {
    const { name, version } = c.req.param();
    const caller = await authenticate(c, c.var.store, c.var.auth);
    requireOwner(caller, name);
    const change = parseWith(StatusChangeSchema, await jsonBody(c), 'body');
    const now = c.var.now().toISOString();
    const record = await c.var.store.setStatus(name, version, change.status, change.statusMessage, now);
    if (!record) throw new RegistryError(404, `no version ${version} of ${name}`);
    return c.json(presentServer(record.record));
  });

  return app;
}

/**
 * A publication is `{server, tools}` (what `mmskills publish` sends) or a bare `server.json`
 * (what the official publisher sends; it then has no tool list).
 */
function validatePublication(body: unknown) {
  const isManifest = typeof body === 'object' && body !== null && 'server' in body && 'tools' in body;
  if (isManifest) {
    const checked = validateSkillManifest(body);
    if (!checked.ok) throw new RegistryError(400, 'invalid skill manifest', checked.issues);
    return checked.value;
  }
  const checked = validateServerJson(body);
  if (!checked.ok) throw new RegistryError(400, 'invalid server.json', checked.issues);
  return { server: checked.value, tools: [] };
}
