import { hostOriginGuard } from '@mmskills/core';
import { createMcpHandler, isLegacyRequest } from '@modelcontextprotocol/server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { mcpSessions } from '../http/mcp-sessions.js';
import { createSkillServer, type SkillRuntime } from './create-server.js';
import { maxRequestBytes } from './request-size.js';

export interface SkillHttpOptions {
  allowedHosts: string[] | 'any';
  allowedOrigins?: string[];
  /** Sessions idle this long are closed. */
  idleMs?: number;
  maxSessions?: number;
}

const parseError = (message: string) =>
  Response.json({ jsonrpc: '2.0', error: { code: -32700, message }, id: null }, { status: 400 });

/**
 * Streamable HTTP at `/mcp` and `GET /health`, as a Hono app with no listener so tests can
 * drive it with `app.request()`. `/mcp` serves both MCP eras: 2025 clients (initialize, then
 * `Mcp-Session-Id`) get a session each; 2026-07-28 clients (`server/discover`, a `_meta`
 * envelope on every request) are answered statelessly, one server per request.
 */
export function createSkillHttpApp(runtime: SkillRuntime, options: SkillHttpOptions) {
  const maxBody = maxRequestBytes(runtime);
  const sessions = mcpSessions(() => createSkillServer(runtime), { maxBodyBytes: maxBody, ...options });
  // Every SDK entry defaults to a 4 MiB body; ours carry one image at the byte limit.
  const modern = createMcpHandler(() => createSkillServer(runtime), {
    legacy: 'reject',
    maxRequestBodySize: maxBody,
    onerror: (error) => runtime.log.warn('mcp request failed', { error: error.message }),
  });

  // Plain Hono with our Host/Origin guard and bodyLimit rather than @modelcontextprotocol/hono's
  // createMcpHonoApp: that app JSON-parses every body before routing, and we parse a 34 MiB image
  // once here and hand the same value to the era check and to whichever leg serves it.
  const app = new Hono();
  app.use(hostOriginGuard(options));
  app.get('/health', (c) =>
    c.json({
      status: 'ok',
      name: runtime.skill.name,
      version: runtime.skill.version,
      tools: runtime.skill.tools.map((tool) => tool.name),
      model: runtime.skill.model?.() ?? null,
      idleUnload: runtime.idle.status(),
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
      const request = c.req.raw;
      let parsedBody: unknown;
      if (request.method === 'POST') {
        try {
          parsedBody = JSON.parse(await c.req.text());
        } catch (error) {
          return parseError(`Parse error: ${(error as Error).message}`);
        }
      }
      const legacy = await isLegacyRequest(request, parsedBody, { maxRequestBodySize: maxBody });
      return legacy ? sessions.handle(request, { parsedBody }) : modern.fetch(request, { parsedBody });
    },
  );
  return {
    app,
    close: async () => {
      await modern.close();
      await sessions.close();
    },
  };
}
