import { Hono } from 'hono';
import { authenticate, requireAdmin } from '../auth/bearer.js';
import { hashToken, newToken } from '../auth/tokens.js';
import type { RegistryEnv } from './env.js';
import { jsonBody, parseWith } from './request.js';
import { TokenRequestSchema } from './schemas.js';

/** Operator routes, behind the admin token: minting publisher tokens for a namespace. */
export function adminRoutes() {
  const app = new Hono<RegistryEnv>();
  app.post('/v0/admin/tokens', async (c) => {
    requireAdmin(await authenticate(c, c.var.store, c.var.auth));
    const { namespace } = parseWith(TokenRequestSchema, await jsonBody(c), 'body');
    const token = newToken();
    await c.var.store.saveToken({ hash: hashToken(token), namespace, createdAt: c.var.now().toISOString() });
    return c.json({ token, namespace }, 201);
  });
  return app;
}
