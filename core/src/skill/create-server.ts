import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { loadImage } from '../image/decode.js';
import type { ImageLimits } from '../image/limits.js';
import type { ImageSourcePolicy } from '../image/source.js';
import type { Logger } from '../logging/logger.js';
import { callTool } from './call-tool.js';
import type { Semaphore } from './concurrency.js';
import type { SkillDefinition } from './define-skill.js';
import type { ToolContext } from './define-tool.js';
import { ProtocolError } from './protocol-error.js';
import { toolDescriptor } from './tool-descriptor.js';

/** What every connection of one skill process shares. */
export interface SkillRuntime {
  skill: SkillDefinition;
  policy: ImageSourcePolicy;
  limits: ImageLimits;
  log: Logger;
  queue: Semaphore;
}

/**
 * Builds an MCP `Server` for one connection. Unknown tools are protocol errors (the client
 * misused the protocol); everything about a known tool's call is a tool result.
 */
export function createSkillServer(runtime: SkillRuntime): Server {
  const { skill } = runtime;
  const server = new Server(
    { name: skill.name, title: skill.title, version: skill.version },
    { capabilities: { tools: {} }, instructions: skill.description },
  );
  const tools = new Map(skill.tools.map((tool) => [tool.name, tool]));
  const descriptors = skill.tools.map(toolDescriptor);

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: descriptors }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = tools.get(request.params.name);
    if (!tool) {
      throw new ProtocolError(
        ErrorCode.InvalidParams,
        `Unknown tool "${request.params.name}"; this server has: ${[...tools.keys()].join(', ')}`,
      );
    }
    const progressToken = request.params._meta?.progressToken;
    const context: ToolContext = {
      signal: extra.signal,
      log: runtime.log,
      loadImage: (arg) => loadImage(arg, { policy: runtime.policy, limits: runtime.limits }),
      progress: async (progress, total, message) => {
        if (progressToken === undefined) return;
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken, progress, total, message },
        });
      },
    };
    const started = performance.now();
    const result = await runtime.queue.run(
      () => callTool(tool, request.params.arguments, context, runtime.limits.maxBytes),
      extra.signal,
    );
    runtime.log.info('tool call', {
      tool: tool.name,
      ms: Math.round(performance.now() - started),
      isError: result.isError === true,
    });
    return result;
  });
  return server;
}
