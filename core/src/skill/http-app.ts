import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { hostOriginGuard } from '../http/host-origin-guard.js';
import { createSkillServer, type SkillRuntime } from './create-server.js';

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  lastSeen: number;
}

export interface SkillHttpOptions {
  allowedHosts: string[] | 'any';
  allowedOrigins?: string[];
  /** Sessions idle this long are closed. */
  idleMs?: number;
  maxSessions?: number;
}

/**
 * Streamable HTTP at `/mcp` (one MCP session per client, as the SDK's transports expect) and
 * `GET /health`, as a Hono app with no listener so tests can drive it with `app.request()`.
 */
export function createSkillHttpApp(runtime: SkillRuntime, options: SkillHttpOptions) {
  const sessions = new Map<string, Session>();
  const idleMs = options.idleMs ?? 30 * 60_000;
  const maxSessions = options.maxSessions ?? 256;
  // base64 makes an image 4/3 larger; leave room for the JSON-RPC envelope.
  const maxBody = Math.ceil((runtime.limits.maxBytes * 4) / 3) + 1024 * 1024;

  const evictIdle = () => {
    const now = Date.now();
    for (const session of sessions.values()) {
      if (now - session.lastSeen > idleMs) void session.transport.close();
    }
  };
  const sweeper = setInterval(evictIdle, Math.min(idleMs, 60_000));
  sweeper.unref();

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
    async (c) => {
      const id = c.req.header('mcp-session-id');
      const existing = id ? sessions.get(id) : undefined;
      if (existing) {
        existing.lastSeen = Date.now();
        return existing.transport.handleRequest(c.req.raw);
      }
      if (id) {
        return c.json(
          { jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null },
          404,
        );
      }
      if (sessions.size >= maxSessions) evictIdle();
      if (sessions.size >= maxSessions) {
        return c.json(
          { jsonrpc: '2.0', error: { code: -32000, message: 'Too many sessions' }, id: null },
          503,
        );
      }
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        maxRequestBodySize: maxBody,
        onsessioninitialized: (sessionId) => {
          sessions.set(sessionId, { transport, lastSeen: Date.now() });
        },
        onsessionclosed: (sessionId) => {
          sessions.delete(sessionId);
        },
      });
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
      };
      await createSkillServer(runtime).connect(transport);
      return transport.handleRequest(c.req.raw);
    },
  );

  const close = async () => {
    clearInterval(sweeper);
    await Promise.all([...sessions.values()].map((session) => session.transport.close()));
    sessions.clear();
  };
  return { app, close };
}
