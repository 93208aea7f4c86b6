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
  // What a person or a script that opens the bare address sees: what this is and where to go,
  // read from the OpenAPI document so the list cannot drift from the routes.
  const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations as Record<string, { summary: string }>).map(
      ([method, operation]) => `${method.toUpperCase()} ${path}: ${operation.summary}`,
    ),
  );
  app.get('/', (c) =>
    c.json({
      name: document.info.title,
      version,
      description: document.info.description,
      health: '/health',
      openapi: '/openapi.json',
      routes,
    }),
  );
  return app;
}
