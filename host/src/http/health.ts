import { Hono } from 'hono';
import type { HostEnv } from './env.js';

export function healthRoutes() {
  const app = new Hono<HostEnv>();
  app.get('/health', async (c) => {
    const { host } = c.var;
    return c.json({
      status: 'ok',
      model: host.backend?.info() ?? null,
      skills: await host.pool.health(),
      conversations: await c.var.conversations.count(),
    });
  });
  return app;
}
