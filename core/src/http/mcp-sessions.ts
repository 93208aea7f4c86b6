import { randomUUID } from 'node:crypto';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

export interface McpSessionOptions {
  maxBodyBytes: number;
  /** Sessions idle this long are closed. */
  idleMs?: number;
  maxSessions?: number;
}

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  lastSeen: number;
}

const jsonError = (status: number, code: number, message: string) =>
  Response.json({ jsonrpc: '2.0', error: { code, message }, id: null }, { status });

/**
 * Streamable HTTP sessions for MCP: one `Server` (from `createServer`) and transport per client
 * session, as the SDK's transports expect; idle sessions are closed, their number bounded.
 * Used by every skill's `/mcp` and by the host's gateway.
 */
export function mcpSessions(createServer: () => Server, options: McpSessionOptions) {
  const sessions = new Map<string, Session>();
  const idleMs = options.idleMs ?? 30 * 60_000;
  const maxSessions = options.maxSessions ?? 256;

  const evictIdle = () => {
    const now = Date.now();
    for (const session of sessions.values()) {
      if (now - session.lastSeen > idleMs) void session.transport.close();
    }
  };
  const sweeper = setInterval(evictIdle, Math.min(idleMs, 60_000));
  sweeper.unref();

  return {
    get size() {
      return sessions.size;
    },
    async handle(request: Request): Promise<Response> {
      const id = request.headers.get('mcp-session-id');
      const existing = id ? sessions.get(id) : undefined;
      if (existing) {
        existing.lastSeen = Date.now();
        return existing.transport.handleRequest(request);
      }
      if (id) return jsonError(404, -32001, 'Session not found');
      if (sessions.size >= maxSessions) evictIdle();
      if (sessions.size >= maxSessions) return jsonError(503, -32000, 'Too many sessions');
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        maxRequestBodySize: options.maxBodyBytes,
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
      const server = createServer();
      await server.connect(transport);
      const response = await transport.handleRequest(request);
      // Only an initialize request opens a session; the SDK answers anything else without a
      // session id (a GET, a stray POST) with 400 and leaves the server open. Close it, or every
      // such request keeps a Server, a transport and their listeners for good.
      if (!transport.sessionId) await server.close();
      return response;
    },
    async close() {
      clearInterval(sweeper);
      await Promise.all([...sessions.values()].map((session) => session.transport.close()));
      sessions.clear();
    },
  };
}
