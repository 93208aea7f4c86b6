import { MmskillsError } from '@mmskills/core';
import type { BackendInfo, ChatMessage, ChatRequest, ChatResult, ChatUsage, LmmBackend } from './backend.js';
import { genericGuard } from './control-tokens.js';
import { readEventStream } from './event-stream.js';

export interface OpenAiOptions {
  baseUrl: string;
  model?: string;
  apiKey?: string;
  /** Whole-request limit; generation streams, so this bounds a runaway answer. */
  timeoutMs?: number;
  retries?: number;
  fetch?: typeof fetch;
}

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Any OpenAI-compatible chat-completions server: vLLM or SGLang (multi-GPU, multi-node),
 * llama-server, Ollama. Images go as data URLs; the turn schema as `response_format`.
 */
export function createOpenAiBackend(options: OpenAiOptions): LmmBackend {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const retries = options.retries ?? 3;
  const info: BackendInfo = {
    backend: 'openai',
    model: options.model ?? 'default',
    device: `remote (${new URL(base).host})`,
    vision: true,
    constrained: true,
  };

  const post = async (body: unknown, signal: AbortSignal): Promise<Response> => {
    for (let attempt = 0; ; attempt += 1) {
      let response: Response;
      try {
        response = await doFetch(`${base}/chat/completions`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
          },
          body: JSON.stringify(body),
          signal,
        });
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (attempt >= retries) {
          throw new MmskillsError(
            'model_failed',
            `the LMM server at ${base} is unreachable: ${(error as Error).message}`,
            { cause: error },
          );
        }
        await backoff(attempt, undefined, signal);
        continue;
      }
      if (response.ok) return response;
      const detail = (await response.text()).slice(0, 500);
      if (!RETRY_STATUSES.has(response.status) || attempt >= retries) {
        throw new MmskillsError(
          'model_failed',
          `the LMM server at ${base} answered ${response.status}: ${detail}`,
        );
      }
      await backoff(attempt, response.headers.get('retry-after'), signal);
    }
  };

  // Closing ends the requests in flight (their streams are cancelled) and refuses new ones.
  const closing = new AbortController();
  return {
    info: () => info,
    async chat(request: ChatRequest): Promise<ChatResult> {
      if (closing.signal.aborted)
        throw new MmskillsError('model_failed', `the LMM backend for ${base} is closed`);
      const started = performance.now();
      const timeoutMs = options.timeoutMs ?? 300_000;
      const deadline = AbortSignal.timeout(timeoutMs);
      const signal = AbortSignal.any([deadline, closing.signal, ...(request.signal ? [request.signal] : [])]);
      try {
        return await complete(request, signal, started);
      } catch (error) {
        if (!deadline.aborted || request.signal?.aborted) throw error;
        throw new MmskillsError(
          'model_failed',
          `the LMM server at ${base} did not finish within ${timeoutMs / 1000} s (set timeout=<seconds> in --lmm)`,
          { cause: error },
        );
      }
    },
    async close() {
      closing.abort(new MmskillsError('model_failed', `the LMM backend for ${base} was closed`));
    },
  };

  async function complete(request: ChatRequest, signal: AbortSignal, started: number): Promise<ChatResult> {
    const body = {
      ...(options.model ? { model: options.model } : {}),
      messages: request.messages.map(toOpenAiMessage),
      stream: true,
      stream_options: { include_usage: true },
      ...(request.maxTokens ? { max_tokens: request.maxTokens } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.jsonSchema
        ? {
            response_format: {
              type: 'json_schema',
              json_schema: { name: 'turn', strict: true, schema: request.jsonSchema },
            },
          }
        : {}),
    };
    const response = await post(body, signal);
    let text = '';
    let firstTokenMs = 0;
    let usage: ChatUsage = { promptTokens: 0, completionTokens: 0 };
    let finishReason: ChatResult['finishReason'];
    for await (const data of readEventStream(response, signal)) {
      if (data === '[DONE]') break;
      const chunk = JSON.parse(data) as StreamChunk;
      const piece = chunk.choices?.[0]?.delta?.content ?? '';
      const reason = chunk.choices?.[0]?.finish_reason;
      if (reason) finishReason = reason === 'length' ? 'length' : 'stop';
      if (piece) {
        if (!text) firstTokenMs = performance.now() - started;
        text += piece;
        request.onToken?.(piece);
      }
      if (chunk.usage)
        usage = {
          promptTokens: chunk.usage.prompt_tokens,
          completionTokens: chunk.usage.completion_tokens,
          // vLLM (prefix caching), SGLang and OpenAI report the prompt tokens their KV cache served.
          ...(chunk.usage.prompt_tokens_details?.cached_tokens !== undefined
            ? { cachedTokens: chunk.usage.prompt_tokens_details.cached_tokens }
            : {}),
        };
    }
    const totalMs = performance.now() - started;
    return { text, usage, timings: { firstTokenMs, totalMs }, ...(finishReason && { finishReason }) };
  }
}

interface StreamChunk {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: {
    prompt_tokens: number;
    completion_tokens: number;
    prompt_tokens_details?: { cached_tokens?: number };
  };
}

// The server's model and vocabulary are unknown here: the common control-token families are broken.
const guard = genericGuard();

function toOpenAiMessage(message: ChatMessage) {
  if (typeof message.content === 'string')
    return { role: message.role, content: guard.neutralise(message.content) };
  return {
    role: message.role,
    content: message.content.map((part) =>
      part.type === 'text'
        ? { type: 'text', text: guard.neutralise(part.text) }
        : {
            type: 'image_url',
            image_url: { url: `data:${part.mimeType};base64,${part.data.toString('base64')}` },
          },
    ),
  };
}

function backoff(attempt: number, retryAfter: string | null | undefined, signal: AbortSignal): Promise<void> {
  const asked = Number(retryAfter);
  const ms = Number.isFinite(asked) && asked > 0 ? Math.min(asked * 1000, 30_000) : 250 * 2 ** attempt;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
