/**
 * A part of a chat message: text, or a picture given as bytes. A picture a tool made carries its
 * handle and its pixels as shown, which the conversation's picture budget counts.
 */
export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image'; data: Buffer; mimeType: string; handle?: string; pixels?: number };

/** A chat message shaped like OpenAI's: a role and text or parts. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | ContentPart[];
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** Constrains the output to JSON matching this schema where the backend can. */
  jsonSchema?: Record<string, unknown>;
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
  /** Called with each piece of text as it is generated. */
  onToken?: (text: string) => void;
}

export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens served from the prefix cache instead of being evaluated. */
  cachedTokens?: number;
}

export interface ChatTimings {
  firstTokenMs: number;
  totalMs: number;
  promptTokensPerSecond?: number;
  decodeTokensPerSecond?: number;
}

export interface ChatResult {
  text: string;
  usage: ChatUsage;
  /** `length` when generation stopped at `maxTokens` (the text may be cut off mid-JSON). */
  finishReason?: 'stop' | 'length';
  timings: ChatTimings;
}

/** What a backend reports about itself for `/health` and the logs. */
export interface BackendInfo {
  backend: 'llama' | 'openai' | 'scripted';
  model: string;
  /** The device actually used, as the backend reports it (never assumed). */
  device: string;
  vision: boolean;
  constrained: boolean;
}

/**
 * The multimodal model behind the agent. One file per implementation (`llama.ts`,
 * `openai.ts`, `scripted.ts`), all held to `test/lmm.contract.ts`: `llama` and `openai` run it on
 * llama.cpp with tiny generated models (`test/lmm-contract-llama.test.ts`), `scripted` on its script.
 */
export interface LmmBackend {
  info(): BackendInfo;
  chat(request: ChatRequest): Promise<ChatResult>;
  close(): Promise<void>;
}

/** Flattens message content to text (for backends and logs that take text only). */
export function textOf(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' ? part.text : '<image>')).join('');
}
