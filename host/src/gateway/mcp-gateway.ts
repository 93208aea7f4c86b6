import { DEFAULT_IMAGE_LIMITS, type Logger, ProtocolError } from '@mmskills/core';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { SkillPool } from '../pool/pool.js';
import { callForwarder } from './forward-call.js';
import { heldToPictureLimit } from './forwarded-result.js';

const MAX_TOOL_NAME = 64;
// Per pool, shared by its sessions' servers: a long name is reported once, not once per client.
const reported = new WeakMap<SkillPool, Set<string>>();

/** What mcpSessions asks of a server that answers some requests before the SDK's transport. */
type AnswersFirst = {
  answerFirst(body: Buffer, request: Request, sessionId: string): Promise<Response | undefined>;
};

/**
 * An MCP server that re-exposes every connected skill's tools as `<skill>__<tool>`, forwarding
 * calls with their content (image blocks included) untouched. One per client session. When the
 * host's skills change while it runs (`mmskills install`), clients get `tools/list_changed`.
 * Tool calls are answered before the SDK's transport reads them (forward-call.ts), their pictures
 * passed on as bytes; the handler below answers the rest (batches, unknown tools).
 */
export function createGatewayServer(pool: SkillPool, log?: Logger): Server & AnswersFirst {
  const server = new Server(
    { name: 'mmskills-gateway', version: '0.1.0' },
    { capabilities: { tools: { listChanged: true } } },
  );
  const unsubscribe = pool.onChange(() => {
    // A session whose transport is gone cannot be told; its closing unsubscribes it.
    server.sendToolListChanged().catch(() => {});
  });
  const closed = server.onclose;
  server.onclose = () => {
    unsubscribe();
    forwarder.close();
    closed?.();
  };
  const tooLong = reported.get(pool) ?? new Set<string>();
  reported.set(pool, tooLong);
  const exposed = async () => {
    const tools = await pool.tools();
    for (const entry of tools) {
      // MCP clients refuse names over 64 characters; say which tool cannot be offered, once per name.
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
  };

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: (await exposed()).map((entry) => ({
      ...entry.tool,
      name: entry.qualifiedName,
      title: entry.tool.title ? `${entry.tool.title} (${entry.skill})` : undefined,
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tools = await exposed();
    if (!tools.some((entry) => entry.qualifiedName === request.params.name)) {
      throw new ProtocolError(
        ErrorCode.InvalidParams,
        `Unknown tool "${request.params.name}"; this gateway has: ${tools.map((t) => t.qualifiedName).join(', ')}`,
      );
    }
    const result = await pool.call(request.params.name, request.params.arguments ?? {}, extra.signal);
    return heldToPictureLimit(request.params.name, result, DEFAULT_IMAGE_LIMITS.maxBytes);
  });
  const forwarder = callForwarder(pool, exposed, DEFAULT_IMAGE_LIMITS.maxBytes);
  return Object.assign(server, {
    answerFirst: (body: Buffer, request: Request, sessionId: string) =>
      forwarder.forward(request, body, sessionId),
  });
}
