import type { Action, Turn } from '@mmskills/core';

/** Tokens over every model call of one answer; `cachedTokens` of the prompt came from the KV cache. */
export interface AgentUsage {
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
}

/** What the agent loop yields, in order, for one user message. */
export type AgentEvent =
  | { type: 'thought'; step: number; text: string }
  | { type: 'action'; step: number; actions: Action[] }
  | { type: 'observation'; step: number; API_name: string; output: unknown; isError: boolean; ms: number }
  | { type: 'image'; step: number; handle: string; mimeType: string; source: string }
  | {
      type: 'answer';
      step: number;
      text: string;
      turn?: Turn;
      usage: AgentUsage;
    }
  /** `usage` counts the model calls made before the error. */
  | { type: 'error'; step: number; message: string; usage: AgentUsage };
