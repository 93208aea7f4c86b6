import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { hostOriginGuard } from '../http/host-origin-guard.js';
import { mcpSessions } from '../http/mcp-sessions.js';
import { createSkillServer, type SkillRuntime } from './create-server.js';

export interface SkillHttpOptions {
  allowedHosts: string[] | 'any';
  allowedOrigins?: string[];
  /** Sessions idle this long are closed. */
  idleMs?: number;
  maxSessions?: number;
}

/**
 * The largest MCP request a skill reads, over HTTP or stdio: one image at the byte limit, as
 * base64. The host's gateway takes the same, so what it forwards a skill can read.
 */
export function maxRequestBytes(runtime: Pick<SkillRuntime, 'limits'>): number {
  // base64 makes an image 4/3 larger; leave room for the JSON-RPC envelope.
  return Math.ceil((runtime.limits.maxBytes * 4) / 3) + 1024 * 1024;
}

/**
 * Streamable HTTP at `/mcp` and `GET /health`, as a Hono app with no listener so tests can
 * drive it with `app.request()`.
 */
export function createSkillHttpApp(runtime: SkillRuntime, options: SkillHttpOptions) {
  const maxBody = maxRequestBytes(runtime);
  const sessions = mcpSessions(() => createSkillServer(runtime), { maxBodyBytes: maxBody, ...options });

  const app = new Hono();
  app.use(hostOriginGuard(options));
  app.get('/health', (c) =>
    c.json({
      status: 'ok',
      name: runtime.skill.name,
      version: runtime.skill.version,
      tools: runtime.skill.tools.map((tool) => tool.name),
      model: runtime.skill.model?.() ?? null,
      sessions: sessions.size,
    }),
  );
  app.all(
    '/mcp',
    bodyLimit({
      maxSize: maxBody,
      onError: (c) => c.json({ error: `request body over ${maxBody} bytes; send a smaller image` }, 413),
    }),
    (c) => sessions.handle(c.req.raw),
  );
  return { app, close: () => sessions.close() };
}
