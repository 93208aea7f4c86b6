import { createLogger, type Logger } from '@mmskills/core';
import { Hono } from 'hono';
import { adminRoutes } from './api/admin.js';
import type { RegistryEnv } from './api/env.js';
import { healthRoutes } from './api/health.js';
import { publishRoutes } from './api/publish.js';
import { refuseDeclaredOversize } from './api/request.js';
import { serverRoutes } from './api/servers.js';
import { toolRoutes } from './api/tools.js';
import type { AuthConfig } from './auth/bearer.js';
import { renderError } from './errors.js';
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
  app.route('/', serverRoutes());
  app.route('/', toolRoutes());
  app.route('/', publishRoutes());
  app.route('/', adminRoutes());
  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => renderError(error, c, (message, fields) => log.error(message, fields)));
  return app;
}
