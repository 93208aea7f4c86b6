import { createLogger, type Logger } from '@mmskills/core';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { adminRoutes } from './api/admin.js';
import type { RegistryEnv } from './api/env.js';
import { healthRoutes } from './api/health.js';
import { publishRoutes } from './api/publish.js';
import { refuseDeclaredOversize } from './api/request.js';
import { serverRoutes } from './api/servers.js';
import { statusRoutes } from './api/status.js';
import { toolRoutes } from './api/tools.js';
import type { AuthConfig } from './auth/bearer.js';
import { RegistryError, renderError } from './errors.js';
import type { RegistryStore } from './store/store.js';

export const REGISTRY_VERSION = '0.1.0';

export interface RegistryAppOptions {
  store: RegistryStore;
  auth?: AuthConfig;
  log?: Logger;
  /** The clock, so tests can pin publication times. */
  now?: () => Date;
}

/** The registry as a Hono app with no listener: `app.request()` in tests, `serve()` in the bin. */
export function createRegistryApp(options: RegistryAppOptions) {
  const log = options.log ?? createLogger('mmskills-registry');
  const app = new Hono<RegistryEnv>();
  // Any origin, for reads as the official registry allows and for writes too: a write needs a
  // bearer token in a header, which browsers never send on their own (no cookies, no ambient
  // credentials), so a foreign page can write only with a token its user hands it, as curl can.
  app.use(
    cors({
      origin: '*',
      allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowHeaders: ['Authorization', 'Content-Type'],
      maxAge: 86_400,
    }),
  );
  app.use(async (c, next) => {
    c.set('store', options.store);
    c.set('auth', options.auth ?? {});
    c.set('now', options.now ?? (() => new Date()));
    await next();
  });
  app.use(async (c, next) => {
    refuseDeclaredOversize(c);
    await next();
  });
  app.route('/', healthRoutes(REGISTRY_VERSION));
  app.route('/', toolRoutes());
  // The official API: `/v0.1` is its stable version, `/v0` the one mmskills' host and CLI call.
  app.route('/v0', officialRoutes(201));
  app.route('/v0.1', officialRoutes(200));
  app.route('/', adminRoutes());
  const logError = (message: string, fields: Record<string, unknown>) => log.error(message, fields);
  app.notFound((c) =>
    renderError(new RegistryError(404, `no route ${c.req.method} ${c.req.path}`), c, logError),
  );
  app.onError((error, c) => renderError(error, c, logError));
  return app;
}

/** The routes of the official registry API document, under one version prefix. */
function officialRoutes(publishedStatus: 200 | 201) {
  const api = new Hono<RegistryEnv>();
  api.route('/', serverRoutes());
  api.route('/', statusRoutes());
  api.route('/', publishRoutes(publishedStatus));
  return api;
}
