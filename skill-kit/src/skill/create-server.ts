import type { ImageLimits, ImageSourcePolicy, Semaphore } from '@mmskills/core';
import { type Logger, traceIdOf, validTraceparent, withFields } from '@mmskills/core';
import { loadImage } from '@mmskills/image';
import { type CallToolResult, ProtocolError, ProtocolErrorCode, Server } from '@modelcontextprotocol/server';
import { callProgress } from './call-progress.js';
import { callTool } from './call-tool.js';
import type { SkillDefinition } from './define-skill.js';
import type { ToolContext } from './define-tool.js';
import type { IdleUnloader } from './idle-unload.js';
import { knowsLinks, serveImages } from './image-resources.js';
import type { ImageStore } from './image-store.js';
import type { ImageBudget } from './result-images.js';
import { toolDescriptor } from './tool-descriptor.js';

/** What every connection of one skill process shares. */
export interface SkillRuntime {
  skill: SkillDefinition;
  policy: ImageSourcePolicy;
  limits: ImageLimits;
  log: Logger;
  queue: Semaphore;
  /** Unloads the skill's models after a while without calls; every call goes through it. */
  idle: IdleUnloader;
  /** How large a picture a result carries inline. */
  budget: ImageBudget;
  /** The pictures this process made, linked from results and readable as resources. */
  images: ImageStore;
}

/**
 * Builds an MCP `Server` for one connection (2025 era) or one request (2026 era: the SDK's
 * entries call this per request, so it stays cheap). Unknown tools are protocol errors (the
 * client misused the protocol); everything about a known tool's call is a tool result.
 */
export function createSkillServer(runtime: SkillRuntime): Server {
  const { skill } = runtime;
  // The low-level Server is JSDoc-deprecated "for advanced use" in SDK 2.x but supported; it lets
  // us hand out descriptors we build once, in definition order (2026: a deterministic tools/list).
  const server = new Server(
    {
      name: skill.name,
      title: skill.title,
      version: skill.version,
      ...(skill.icons && { icons: skill.icons }),
    },
    { capabilities: { tools: {}, resources: {} }, instructions: skill.description },
  );
  const tools = toolsOf(runtime);
  serveImages(server, runtime.images);

  server.setRequestHandler('tools/list', () => ({ tools: tools.descriptors }));
  server.setRequestHandler('tools/call', async (request, ctx): Promise<CallToolResult> => {
    const tool = tools.byName.get(request.params.name);
    if (!tool) {
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `Unknown tool "${request.params.name}"; this server has: ${[...tools.byName.keys()].join(', ')}`,
      );
    }
    const progressToken = ctx.mcpReq._meta?.progressToken;
    const traceparent = validTraceparent(ctx.mcpReq._meta?.traceparent);
    // Every log line of the call names its trace, so it can be found from the host's.
    const log = traceparent ? withFields(runtime.log, { trace: traceIdOf(traceparent) }) : runtime.log;
    const progress = callProgress(
      tool.name,
      progressToken === undefined
        ? undefined
        : (params) =>
            ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken, ...params } }),
      ctx.mcpReq.signal,
      log,
    );
    const context: ToolContext = {
      signal: ctx.mcpReq.signal,
      log,
      ...(traceparent && { traceparent }),
      loadImage: (arg) =>
        loadImage(arg, {
          policy: runtime.policy,
          limits: runtime.limits,
          held: (uri) => runtime.images.read(uri)?.data,
        }),
      progress: (stage) => progress.stage(stage),
    };
    const started = performance.now();
    // Every call reports its start once a slot is free, so a client that asked for progress
    // learns the call left the queue (models run one at a time) whatever the tool reports itself.
    // A call waiting in the queue counts as use too: the models are not unloaded under it.
    const result = await runtime.idle
      .run(() =>
        runtime.queue.run(async () => {
          progress.started();
          return callTool(tool, request.params.arguments, context, {
            maxImageBytes: runtime.limits.maxBytes,
            budget: runtime.budget,
            // `resource_link` came with 2025-06-18; an older client's schema would refuse the block.
            ...(knowsLinks(server, ctx.mcpReq.envelope) && { store: runtime.images }),
          });
        }, ctx.mcpReq.signal),
      )
      .finally(() => progress.stop());
    log.info('tool call', {
      tool: tool.name,
      ms: Math.round(performance.now() - started),
      isError: result.isError === true,
    });
    return result;
  });
  return server;
}

type SkillTools = {
  byName: Map<string, SkillDefinition['tools'][number]>;
  descriptors: ReturnType<typeof toolDescriptor>[];
};
// Built once per runtime: a 2026 client gets a new Server per request, and converting zod to
// JSON Schema every time would dominate a tools/list.
const built = new WeakMap<SkillRuntime, SkillTools>();

function toolsOf(runtime: SkillRuntime): SkillTools {
  let tools = built.get(runtime);
  if (!tools) {
    tools = {
      byName: new Map(runtime.skill.tools.map((tool) => [tool.name, tool])),
      descriptors: runtime.skill.tools.map(toolDescriptor),
    };
    built.set(runtime, tools);
  }
  return tools;
}
