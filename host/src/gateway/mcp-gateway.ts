import { DEFAULT_IMAGE_LIMITS, type Logger, validTraceparent } from '@mmskills/core';
import {
  type CallToolRequestParams,
  type ListToolsResult,
  type Progress,
  ProtocolError,
  ProtocolErrorCode,
  Server,
} from '@modelcontextprotocol/server';
import type { PoolTool, SkillPool } from '../pool/pool.js';
import { callForwarder } from './forward-call.js';
import { heldToPictureLimit } from './forwarded-result.js';
import { servePictures } from './pictures.js';

const MAX_TOOL_NAME = 64;
// Per pool, shared by its sessions' servers: a long name is reported once, not once per client.
const reported = new WeakMap<SkillPool, Set<string>>();

/** The gateway's name and version, as MCP clients see it. */
export const GATEWAY_INFO = { name: 'mmskills-gateway', version: '0.1.0' };

/**
 * The pool's tools that the gateway offers: all but those whose `<skill>__<tool>` name is over 64
 * characters, which MCP clients refuse (each reported once).
 */
export async function exposedTools(pool: SkillPool, log?: Logger): Promise<PoolTool[]> {
  const tooLong = reported.get(pool) ?? new Set<string>();
  reported.set(pool, tooLong);
  const tools = await pool.tools();
  for (const entry of tools) {
    if (entry.qualifiedName.length > MAX_TOOL_NAME && !tooLong.has(entry.qualifiedName)) {
      tooLong.add(entry.qualifiedName);
      log?.warn('tool left off the gateway: its name is over 64 characters', {
        skill: entry.skill,
        tool: entry.tool.name,
        name: entry.qualifiedName,
      });
    }
  }
  return tools.filter((entry) => entry.qualifiedName.length <= MAX_TOOL_NAME);
}

/** What mcpSessions asks of a server that answers some requests before the SDK's transport. */
type AnswersFirst = {
  answerFirst(body: Buffer, request: Request, sessionId: string): Promise<Response | undefined>;
};

/**
 * An MCP server that re-exposes every connected skill's tools as `<skill>__<tool>`, forwarding
 * calls with their content (image blocks included) untouched. One per 2025 client session, or per
 * 2026 request (`era: 'modern'`). When the host's skills change while it runs (`mmskills install`),
 * a 2025 session's server sends `tools/list_changed` itself; 2026 listeners are told by the HTTP
 * handler (see app.ts), since a per-request server lives too briefly to subscribe.
 * Tool calls are answered before the SDK reads them (forward-call.ts: a 2025 session's by its
 * `answerFirst`, 2026 ones by app.ts), their pictures passed on as bytes; the handlers below
 * answer the rest (other methods, batches, unknown tools, requests the SDK refuses).
 * The pictures skills made are its resources too, read from the skill that made each (pictures.ts).
 */
export function createGatewayServer(
  pool: SkillPool,
  log?: Logger,
  era: 'legacy' | 'modern' = 'legacy',
): Server & AnswersFirst {
  const server = new Server(GATEWAY_INFO, { capabilities: { tools: { listChanged: true }, resources: {} } });
  servePictures(server, pool);
  const unsubscribe =
    era === 'legacy'
      ? pool.onChange(() => {
          // A session whose transport is gone cannot be told; its closing unsubscribes it.
          server.sendToolListChanged().catch(() => {});
        })
      : () => {};
  const closed = server.onclose;
  server.onclose = () => {
    unsubscribe();
    forwarder.close();
    closed?.();
  };
  const exposed = () => exposedTools(pool, log);

  // Sorted by name: the 2026 revision asks for a deterministic tools/list order.
  server.setRequestHandler('tools/list', async () => ({
    tools: (await exposed())
      .map((entry) => ({
        ...entry.tool,
        name: entry.qualifiedName,
        title: entry.tool.title ? `${entry.tool.title} (${entry.skill})` : undefined,
      }))
      // The pool lists tools through the 1.x client; the wire shape is the same in both SDKs.
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) as ListToolsResult['tools'],
  }));
  // tools/call is answered from the fallback: a registered tools/call handler's result is parsed
  // again by the SDK 2.x server (every picture's base64 checked, unknown keys dropped), which a
  // gateway that only forwards a skill's answer has no reason to pay for.
  server.fallbackRequestHandler = async (request, ctx) => {
    if (request.method !== 'tools/call') {
      throw new ProtocolError(ProtocolErrorCode.MethodNotFound, `Method not found: ${request.method}`);
    }
    const params = (request.params ?? {}) as CallToolRequestParams;
    const tools = await exposed();
    if (typeof params.name !== 'string' || !tools.some((entry) => entry.qualifiedName === params.name)) {
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `Unknown tool "${String(params.name)}"; this gateway has: ${tools.map((t) => t.qualifiedName).join(', ')}`,
      );
    }
    const traceparent = validTraceparent(params._meta?.traceparent);
    // Forwarded: the skill's result is not checked again here (its client would decode every
    // picture to do so); its pictures reach the wire as the skill wrote them.
    // The skill's progress reaches the client under the token the client chose.
    const progressToken = params._meta?.progressToken;
    const onprogress =
      progressToken === undefined
        ? undefined
        : (progress: Progress) => {
            ctx.mcpReq
              .notify({ method: 'notifications/progress', params: { ...progress, progressToken } })
              .catch(() => {});
          };
    const result = await pool.forward(params.name, params.arguments ?? {}, ctx.mcpReq.signal, {
      ...(traceparent && { traceparent }),
      ...(onprogress && { onprogress }),
    });
    return heldToPictureLimit(params.name, result, DEFAULT_IMAGE_LIMITS.maxBytes);
  };
  const forwarder = callForwarder({
    pool,
    exposed,
    maxPictureBytes: DEFAULT_IMAGE_LIMITS.maxBytes,
    serverInfo: GATEWAY_INFO,
  });
  return Object.assign(server, {
    answerFirst: (body: Buffer, request: Request, sessionId: string) =>
      forwarder.forward(request, body, sessionId),
  });
}
