import { readFile } from 'node:fs/promises';
import { setImmediate as nextTurnOfLoop } from 'node:timers/promises';
import { renderTurn, type Turn, TurnSchema } from '@mmskills/core';
import { z } from 'zod';
import type { ChatMessage, ChatRequest, ChatResult, LmmBackend } from './backend.js';

export const ScriptSchema = z.object({ turns: z.array(z.union([TurnSchema, z.string()])).min(1) });
export type Script = z.infer<typeof ScriptSchema>;

// The scripted backend has no tokenizer: a token is a word with the blanks after it (an image
// counts one). Enough to honour `maxTokens` and report usage the way the other backends do.
const TOKEN = /\s*\S+\s*|\s+/g;
const tokensOf = (text: string) => text.match(TOKEN) ?? [];
const promptTokens = (messages: readonly ChatMessage[]) =>
  messages.reduce(
    (sum, message) =>
      sum +
      (typeof message.content === 'string'
        ? tokensOf(message.content).length
        : message.content.reduce(
            (inner, part) => inner + (part.type === 'text' ? tokensOf(part.text).length : 1),
            0,
          )),
    0,
  );

/**
 * Replays fixed assistant turns, in order within each conversation; for tests and demos only.
 * A turn given as a string is replayed verbatim (to test malformed model output).
 * The position in the script is the number of assistant messages already in the request.
 * Replies stream token by token, yielding to the event loop between tokens, so an abort lands
 * mid-reply as it does with a real model.
 */
export function createScriptedBackend(script: Script): LmmBackend {
  const turns = script.turns.map((turn: Turn | string) =>
    typeof turn === 'string' ? turn : renderTurn(turn),
  );
  let closed = false;
  return {
    info: () => ({
      backend: 'scripted',
      model: `script of ${turns.length} turns`,
      device: 'none',
      vision: true,
      constrained: false,
    }),
    async chat(request: ChatRequest): Promise<ChatResult> {
      if (closed) throw new Error('the scripted backend is closed');
      request.signal?.throwIfAborted();
      const started = performance.now();
      const position = request.messages.filter((message) => message.role === 'assistant').length;
      const all = tokensOf(turns[Math.min(position, turns.length - 1)] as string);
      const limit = request.maxTokens ?? Number.POSITIVE_INFINITY;
      const tokens = all.slice(0, limit);
      let firstTokenMs = 0;
      for (const [index, token] of tokens.entries()) {
        await nextTurnOfLoop();
        request.signal?.throwIfAborted();
        if (index === 0) firstTokenMs = performance.now() - started;
        request.onToken?.(token);
      }
      return {
        text: tokens.join(''),
        finishReason: tokens.length < all.length ? 'length' : 'stop',
        usage: { promptTokens: promptTokens(request.messages), completionTokens: tokens.length },
        timings: { firstTokenMs, totalMs: performance.now() - started },
      };
    },
    async close() {
      closed = true;
    },
  };
}

export async function loadScript(path: string): Promise<Script> {
  return ScriptSchema.parse(JSON.parse(await readFile(path, 'utf8')));
}
