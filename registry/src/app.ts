import { createLogger, type Logger } from '@mmskills/core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { adminRoutes } from './api/admin.js';
import type { RegistryEnv } from './api/env.js';
import { healthRoutes } from './api/health.js';
import { publishRoutes } from './api/publish.js';
import { serverRoutes } from './api/servers.js';
import { toolRoutes } from './api/tools.js';
import type { AuthConfig } from './auth/bearer.js';
import { RegistryError, renderError } from './errors.js';
import type { RegistryStore } from './store/store.js';

export const REGISTRY_VERSION = '0.1.0';
// 128 tools × 64 KiB of schema is the most a valid manifest holds; leave room for server.json.
const MAX_BODY = 9 * 1024 * 1024;

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
  app.use(async (c, next) => {
    c.set('store', options.store);
    c.set('auth', options.auth ?? {});
    c.set('now', options.now ?? (() => new Date()));
    await next();
  });
  const limit = bodyLimit({
    maxSize: MAX_BODY,
    onError: () => {
      throw new RegistryError(413, `request body over ${MAX_BODY} bytes`);
    },
  });
  // bodyLimit reads `c.req.raw.body`, which makes @hono/node-server build a full Request: about a
  // third of a search's CPU time. Only requests that can carry a body need the check.
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limit(c, next)));
  app.route('/', healthRoutes(REGISTRY_VERSION));
  app.route('/', serverRoutes());
  app.route('/', toolRoutes());
  app.route('/', publishRoutes());
  app.route('/', adminRoutes());
  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => renderError(error, c, (message, fields) => log.error(message, fields)));
  return app;
}
