import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { createLogger, type Logger } from '@mmskills/core';
import { Conversation } from './agent/conversation.js';
import type { AgentEvent } from './agent/events.js';
import { runAgent, type UserMessage } from './agent/loop.js';
import { createRecorder } from './agent/record.js';
import { registrySearch } from './agent/registry-search.js';
import type { HostConfig } from './config/schema.js';
import type { LmmBackend } from './lmm/backend.js';
import { createBackend } from './lmm/create.js';
import { parseLmmSpec } from './lmm/spec.js';
import { configuredSkillServers } from './pool/configured.js';
import { SkillPool } from './pool/pool.js';
import { propagateOnly, type Tracing } from './telemetry/tracing.js';

export interface Host {
  config: HostConfig;
  pool: SkillPool;
  /** Absent when no model is configured: skills and the gateway still work. */
  backend?: LmmBackend;
  newConversation(): Conversation;
  /** Runs the agent for one user message; throws when no model is configured. */
  run(conversation: Conversation, message: UserMessage, signal?: AbortSignal): AsyncGenerator<AgentEvent>;
  close(): Promise<void>;
}

export const NO_MODEL_HELP =
  'No model is configured. Start the host with --lmm llama:<model.gguf>,mmproj=<mmproj.gguf> (a GGUF vision model, e.g. from `mmskills model pull`) or --lmm openai:<base-url> (vLLM, SGLang, llama-server, Ollama).';

/** Assembles the host from its config: skill pool, model backend, agent. */
export async function createHost(
  config: HostConfig,
  options: { log?: Logger; backend?: LmmBackend; tracing?: Tracing } = {},
): Promise<Host> {
  const log = options.log ?? createLogger('mmskills-host');
  const pool = new SkillPool(configuredSkillServers(config), { log, ...config.pool });
  const backend = options.backend ?? (config.lmm ? await createBackend(parseLmmSpec(config.lmm)) : undefined);
  const selection = {
    ...config.agent.tools,
    ...(config.registry ? { search: registrySearch(config.registry) } : {}),
    onSearchError: (error: Error) =>
      log.warn('registry tool search failed; ranking the tools locally', { error: error.message }),
  };
  const record = config.record ? createRecorder(resolve(config.record), log) : undefined;
  const tracing = options.tracing ?? propagateOnly();
  return {
    config,
    pool,
    backend,
    newConversation: () => new Conversation(randomUUID(), config.conversations),
    run(conversation, message, signal) {
      if (!backend) throw new Error(NO_MODEL_HELP);
      return runAgent(
        {
          backend,
          pool,
          selection,
          maxSteps: config.agent.maxSteps,
          maxTokens: config.agent.maxTokens,
          pictures: config.agent.pictures,
          record,
          tracing,
        },
        conversation,
        message,
        signal,
      );
    },
    async close() {
      await Promise.all([pool.close(), backend?.close(), tracing.shutdown()]);
    },
  };
}
