import type { IncomingMessage } from 'node:http';
import {
  allowedHostsFor,
  createLogger,
  DEFAULT_IMAGE_LIMITS,
  hostOriginGuard,
  imageSourcePolicyFromEnv,
  isLoopbackName,
  type Logger,
  readNodeBody,
  readWebBody,
} from '@mmskills/core';
import { maxRequestBytes, mcpSessions } from '@mmskills/skill-kit';
import { createMcpHandler, PROTOCOL_VERSION_META_KEY } from '@modelcontextprotocol/server';
import { Hono } from 'hono';
import { openSqliteConversations } from '../conversations/sqlite.js';
import type { ConversationStore } from '../conversations/store.js';
import { callForwarder } from '../gateway/forward-call.js';
import { createGatewayServer, exposedTools, GATEWAY_INFO } from '../gateway/mcp-gateway.js';
import type { Host } from '../host.js';
import { webRoutes } from '../web/web-routes.js';
import { accessControl } from './access.js';
import { limitBody } from './body-limit.js';
import { chatRoutes } from './chat.js';
import type { RunningTurns } from './conversations.js';
import type { HostEnv } from './env.js';
import { errorBody, renderHostError } from './errors.js';
import { healthRoutes } from './health.js';
import { imageRoutes } from './images.js';
import { MAX_MESSAGE_BODY, MAX_MESSAGE_BODY_WHY } from './message-input.js';
import { hostMetrics } from './metrics.js';
import { countRequests, observedHost } from './observe.js';
import { openAiRoutes } from './openai-compat.js';
import { toolRoutes } from './tools.js';

export interface HostAppOptions {
  /** Bearer keys clients must send; required when `hostname` is not loopback. */
  apiKeys?: string[];
  /** Requests per minute per key or client. */
  rateLimitPerMinute?: number;
  /** Take the client's address from the `X-Forwarded-For` a trusted reverse proxy appends. */
  trustProxy?: boolean;
  /** Where the server listens; loopback binds answer only to loopback Host headers. */
  hostname: string;
  log?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Where conversations live (bin.ts opens the configured one); by default a SQLite database in memory. */
  conversations?: ConversationStore;
}

/** The host's HTTP surface as a Hono app with no listener: web page, chat API, OpenAI-compatible API, MCP gateway, health. */
export function createHostApp(host: Host, options: HostAppOptions) {
  const log = options.log ?? createLogger('mmskills-host');
  const metrics = hostMetrics();
  const observed = observedHost(host, metrics);
  const conversations =
    options.conversations ??
    openSqliteConversations(':memory:', { retention: host.config.conversations.retention });
  const running: RunningTurns = new Map();
  const policy = { ...imageSourcePolicyFromEnv(options.env), allowUrls: false };
  // The skills' own limit: a larger request would pass the gateway only to be refused by the skill.
  const maxGatewayBody = maxRequestBytes({ limits: DEFAULT_IMAGE_LIMITS });
  const gateway = mcpSessions(() => createGatewayServer(host.pool, log), { maxBodyBytes: maxGatewayBody });
  // 2026-07-28 clients: one server per request; the SDK's entry defaults to a 4 MiB body.
  const modern = createMcpHandler(() => createGatewayServer(host.pool, log, 'modern'), {
    legacy: 'reject',
    maxRequestBodySize: maxGatewayBody,
    onerror: (error) => log.warn('gateway request failed', { error: error.message }),
  });
  const stopNotifying = host.pool.onChange(() => modern.notify.toolsChanged());
  // 2026 tool calls are answered before the SDK's entry, as 2025 ones before its transport.
  const modernCalls = callForwarder({
    pool: host.pool,
    exposed: () => exposedTools(host.pool, log),
    maxPictureBytes: DEFAULT_IMAGE_LIMITS.maxBytes,
    serverInfo: GATEWAY_INFO,
  });
  // A 2026 request names its method in a header, which 2025 clients never send, and its version in
  // its `_meta`: one that has the claim but lacks the header is the 2026 handler's to refuse. 2025
  // calls keep the byte-forwarding path (forward-call.ts), with no parse here to tell the eras
  // apart. A POST's body is read from the Node request where there is one (see readNodeBody),
  // held to the limit whichever era reads it (the SDK's own reader holds twice the limit first).
  const mcpRoute = async (request: Request, incoming: IncomingMessage | undefined) => {
    if (request.method !== 'POST')
      return request.headers.get('mcp-method') !== null ? modern.fetch(request) : gateway.handle(request);
    const body = incoming
      ? await readNodeBody(incoming, maxGatewayBody)
      : await readWebBody(request, maxGatewayBody);
    if (body === undefined) return tooLarge(maxGatewayBody);
    if (request.headers.get('mcp-method') === null && !claimsModern(body))
      return gateway.handle(request, { body });
    const answered = await modernCalls.forwardModern(request, body);
    if (answered) return answered;
    return modern.fetch(new Request(request.url, { method: 'POST', headers: request.headers, body }));
  };
  const loopback = isLoopbackName(options.hostname);

  const app = new Hono<HostEnv>();
  app.use(hostOriginGuard({ allowedHosts: loopback ? allowedHostsFor(options.hostname) : 'any' }));
  app.use(countRequests(metrics));
  app.use(
    accessControl({
      apiKeys: options.apiKeys ?? [],
      perMinute: options.rateLimitPerMinute ?? 600,
      trustProxy: options.trustProxy ?? false,
    }),
  );
  app.use(async (c, next) => {
    c.set('host', observed);
    c.set('conversations', conversations);
    c.set('running', running);
    c.set('policy', policy);
    c.set('log', log);
    await next();
  });
  // Before the body limit below: `/mcp` bodies are bounded by the skills' own limit, counted as
  // they stream in by whichever reads them (here, or the SDK's transports).
  app.all('/mcp', (c) => mcpRoute(c.req.raw, c.env?.incoming));
  app.use(limitBody(MAX_MESSAGE_BODY, MAX_MESSAGE_BODY_WHY));
  app.route('/', healthRoutes());
  app.get('/metrics', async (c) =>
    c.text(metrics.render({ mmskills_conversations: await conversations.count() }), 200, {
      'content-type': 'text/plain; version=0.0.4',
    }),
  );
  app.route('/', chatRoutes());
  app.route('/', openAiRoutes());
  app.route('/', toolRoutes());
  app.route('/', imageRoutes());
  app.route('/', webRoutes());
  app.notFound((c) => c.json(errorBody(c.req.path, 404, `no route ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => renderHostError(error, c, (message, fields) => log.error(message, fields)));
  return {
    app,
    close: async () => {
      stopNotifying();
      modernCalls.close();
      await modern.close();
      await gateway.close();
      if (!options.conversations) await conversations.close();
    },
  };
}

const tooLarge = (maxBytes: number) =>
  Response.json(
    {
      jsonrpc: '2.0',
      id: null,
      error: { code: -32600, message: `request body over ${maxBytes} bytes, the skills' own limit` },
    },
    { status: 413 },
  );

// Whether a body is a request claiming a 2026 version in its `_meta`; looked for as text first, so
// a 2025 call (a picture in it, say) is not parsed here.
function claimsModern(body: Buffer): boolean {
  if (!body.includes(PROTOCOL_VERSION_META_KEY)) return false;
  try {
    const message = JSON.parse(body.toString('utf8')) as { params?: { _meta?: Record<string, unknown> } };
    return typeof message?.params?._meta?.[PROTOCOL_VERSION_META_KEY] === 'string';
  } catch {
    return false;
  }
}
