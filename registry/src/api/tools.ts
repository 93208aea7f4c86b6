import { Hono } from 'hono';
import type { RegistryEnv } from './env.js';
import { parseWith } from './request.js';
import { SearchToolsQuerySchema } from './schemas.js';

/** The skill-repository extension: ranked search over the latest tools of every server. */
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
  return app;
}
