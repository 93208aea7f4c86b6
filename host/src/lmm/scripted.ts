import { readFile } from 'node:fs/promises';
import { renderTurn, type Turn, TurnSchema } from '@mmskills/core';
import { z } from 'zod';
import type { ChatRequest, ChatResult, LmmBackend } from './backend.js';

export const ScriptSchema = z.object({ turns: z.array(z.union([TurnSchema, z.string()])).min(1) });
export type Script = z.infer<typeof ScriptSchema>;

/**
 * Replays fixed assistant turns, in order within each conversation; for tests and demos only.
 * A turn given as a string is replayed verbatim (to test malformed model output).
 * The position in the script is the number of assistant messages already in the request.
 */
export function createScriptedBackend(script: Script): LmmBackend {
  const turns = script.turns.map((turn: Turn | string) =>
    typeof turn === 'string' ? turn : renderTurn(turn),
  );
  return {
    info: () => ({
      backend: 'scripted',
      model: `script of ${turns.length} turns`,
      device: 'none',
      vision: true,
      constrained: false,
    }),
    async chat(request: ChatRequest): Promise<ChatResult> {
      request.signal?.throwIfAborted();
      const position = request.messages.filter((message) => message.role === 'assistant').length;
      const text = turns[Math.min(position, turns.length - 1)] as string;
      request.onToken?.(text);
      return {
        text,
        usage: { promptTokens: 0, completionTokens: 0 },
        timings: { firstTokenMs: 0, totalMs: 0 },
      };
    },
    async close() {},
  };
}

export async function loadScript(path: string): Promise<Script> {
  return ScriptSchema.parse(JSON.parse(await readFile(path, 'utf8')));
}
