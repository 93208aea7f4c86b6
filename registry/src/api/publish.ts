import { validateServerJson, validateSkillManifest } from '@mmskills/core';
import { Hono } from 'hono';
import { authenticate, requireOwner } from '../auth/bearer.js';
import { RegistryError } from '../errors.js';
import { VersionExistsError } from '../store/store.js';
import type { RegistryEnv } from './env.js';
import { presentServer } from './present.js';
import { jsonBody } from './request.js';

/**
 * Writing: publishing a version. `POST /v0/publish` answers 201 Created (what the mmskills CLI
 * checks); `/v0.1`, held to the official document, answers 200 as it says. A published version is
 * immutable: PUT and DELETE of one, which the document offers as optional, answer 501; a version
 * is withdrawn by setting its status (status.ts). The registry stores documents; it never runs code.
 */
export function publishRoutes(publishedStatus: 200 | 201) {
  const app = new Hono<RegistryEnv>();

  app.post('/publish', async (c) => {
    const caller = await authenticate(c, c.var.store, c.var.auth);
    const { server, tools } = validatePublication(await jsonBody(c));
    requireOwner(caller, server.name);
    try {
      const record = await c.var.store.publish({ server, tools, now: c.var.now().toISOString() });
      return c.json(presentServer(record), publishedStatus);
    } catch (error) {
      if (error instanceof VersionExistsError) throw new RegistryError(409, error.message);
      throw error;
    }
  });

  app.put('/servers/:name{.+}/versions/:version', () => {
    throw new RegistryError(
      501,
      'Updates are not supported by this registry: a published version is immutable; publish a new version',
    );
  });
  app.delete('/servers/:name{.+}/versions/:version', () => {
    throw new RegistryError(
      501,
      'Deletion is not supported by this registry: PATCH the version\'s status to "deleted" instead, so mirrors learn of it',
    );
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
