import { Hono } from 'hono';
import type { RegistryEnv } from './env.js';
import { parseWith } from './request.js';
import { SearchToolsQuerySchema } from './schemas.js';
import { visibleVersion } from './servers.js';

/**
 * The skill-repository extension, outside the official document and so under `/v0` only: a
 * version's tool list, and ranked search over the latest tools of every server.
 */
export function toolRoutes() {
  const app = new Hono<RegistryEnv>();
  app.get('/v0/tools', async (c) => {
    const { q, limit } = parseWith(SearchToolsQuerySchema, c.req.query(), 'query');
    const hits = await c.var.store.searchTools(q, limit);
    return c.json({
      tools: hits.map((hit) => ({
        server: { name: hit.serverName, version: hit.version },
        tool: hit.tool,
        score: hit.score,
      })),
      metadata: { count: hits.length },
    });
  });

  app.get('/v0/servers/:name{.+}/versions/:version/tools', async (c) => {
    const { name, version } = c.req.param();
    const record = await visibleVersion(c.var.store, name, version);
    const tools = (await c.var.store.getTools(name, record.server.version)) ?? [];
    return c.json({ server: { name, version: record.server.version }, tools });
  });
  return app;
}
