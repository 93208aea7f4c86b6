import { randomUUID } from 'node:crypto';
import { readWebBody } from '@mmskills/core';
import { type Transport, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';

/**
 * What a session needs of its server: a v2 `Server` (the skills) or, structurally, a v1 one (the
 * host's gateway until it moves to SDK 2.x; the `Transport` interface is the same in both).
 */
export interface SessionServer {
  connect(transport: Transport): Promise<void>;
  close(): Promise<void>;
}

export interface McpSessionOptions {
  maxBodyBytes: number;
  /** Sessions idle this long are closed. */
  idleMs?: number;
  maxSessions?: number;
}

/**
 * A server that answers some POSTs of its session itself, before the SDK's transport parses
 * them (the host's gateway passes tool calls on as bytes). Given the body, it returns the
 * response, or undefined to leave the request to the transport, which then reads the same body.
 */
export interface AnswersFirst {
  answerFirst?(body: Buffer, request: Request, sessionId: string): Promise<Response | undefined>;
}

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  server: SessionServer & AnswersFirst;
  lastSeen: number;
}

/** What the caller read of a POST already: its JSON, or its bytes (the transport then reads neither again). */
export interface ReadBody {
  parsedBody?: unknown;
  body?: Buffer;
}

const jsonError = (status: number, code: number, message: string) =>
  Response.json({ jsonrpc: '2.0', error: { code, message }, id: null }, { status });

/**
 * Streamable HTTP sessions for 2025-era MCP (initialize, `Mcp-Session-Id`): one server (from
 * `createServer`) and transport per client session, as the SDK's transports expect; idle sessions
 * are closed, their number bounded. The 2025 leg of every skill's `/mcp` and the host's gateway.
 */
export function mcpSessions(createServer: () => SessionServer & AnswersFirst, options: McpSessionOptions) {
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

  const answer = async (
    session: Session,
    id: string,
    request: Request,
    given: ReadBody,
  ): Promise<Response> => {
    const first = session.server.answerFirst;
    if (!first || request.method !== 'POST') return toTransport(session.transport, request, given);
    const body = given.body ?? (await readWebBody(request, options.maxBodyBytes));
    if (!body) return jsonError(413, -32000, `request body over ${options.maxBodyBytes} bytes`);
    const answered = await first.call(session.server, body, request, id);
    return answered ?? toTransport(session.transport, request, { body });
  };

  return {
    get size() {
      return sessions.size;
    },
    async handle(request: Request, given: ReadBody = {}): Promise<Response> {
      const id = request.headers.get('mcp-session-id');
      const existing = id ? sessions.get(id) : undefined;
      if (existing) {
        existing.lastSeen = Date.now();
        return answer(existing, id as string, request, given);
      }
      if (id) return jsonError(404, -32001, 'Session not found');
      if (sessions.size >= maxSessions) evictIdle();
      if (sessions.size >= maxSessions) return jsonError(503, -32000, 'Too many sessions');
      const server = createServer();
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        maxRequestBodySize: options.maxBodyBytes,
        onsessioninitialized: (sessionId) => {
          sessions.set(sessionId, { transport, server, lastSeen: Date.now() });
        },
        onsessionclosed: (sessionId) => {
          sessions.delete(sessionId);
        },
      });
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
      };
      await server.connect(transport);
      const response = await toTransport(transport, request, given);
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

// A body read already goes to the transport as a fresh request over those bytes.
function toTransport(
  transport: WebStandardStreamableHTTPServerTransport,
  request: Request,
  { parsedBody, body }: ReadBody,
): Promise<Response> {
  if (parsedBody !== undefined) return transport.handleRequest(request, { parsedBody });
  if (body === undefined) return transport.handleRequest(request);
  return transport.handleRequest(
    new Request(request.url, { method: request.method, headers: request.headers, body }),
  );
}
