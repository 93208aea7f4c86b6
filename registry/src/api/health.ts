import { Hono } from 'hono';
import type { RegistryEnv } from './env.js';
import { openApiDocument } from './openapi.js';

export function healthRoutes(version: string) {
  const app = new Hono<RegistryEnv>();
  const document = openApiDocument(version);
  app.get('/health', async (c) => {
    const latest = await c.var.store.listServers({ limit: 100, version: 'latest' });
    return c.json({ status: 'ok', version, store: c.var.store.kind, servers: latest.items.length });
  });
  app.get('/openapi.json', (c) => c.json(document));
  return app;
}
