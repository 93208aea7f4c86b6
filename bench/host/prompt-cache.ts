import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { turnJsonSchema } from '@mmskills/core';
import { type LlamaShape, llamaPresets, measureLlamaModel, writeLlamaModel } from '@mmskills/test-models';
import { systemPrompt } from '../../host/src/agent/prompt.js';
import { selectTools } from '../../host/src/agent/select-tools.js';
import type { ChatResult } from '../../host/src/lmm/backend.js';
import type { PoolTool } from '../../host/src/pool/pool.js';
import { LmmChild } from '../../host/test/fixtures/lmm-client.js';
import { toolSet } from '../gpu/tool-sets.js';

/** A model shape the CPU can evaluate tens of thousands of prompt tokens with in minutes. */
export const benchShapes = {
  tiny: llamaPresets.tiny,
  small: { embd: 256, layers: 4, ff: 704, heads: 4 },
  '1b': llamaPresets['1b'],
} as const satisfies Record<string, LlamaShape>;

export interface PromptCacheOptions {
  shape: keyof typeof benchShapes;
  ctx: number;
  threads: number;
  toolCounts: number[];
  /** Also send the prompts with every tool in them (top-k off) past 16 tools: the slow cells. */
  allTools: boolean;
}

type CallRecord = ReturnType<typeof record>;

/** One row: a tool count with top-k on or off; `cold`/`warm` when the prompt was sent. */
export interface PromptCell {
  tools: number;
  top_k: boolean;
  tools_in_prompt: number;
  prompt_chars: number;
  sent: boolean;
  reason?: string;
  /** For a prompt not sent: its characters over the characters per token of the sent prompts. */
  estimated_tokens?: number;
  same_tools?: boolean;
  cold?: CallRecord;
  warm?: CallRecord;
}

const QUESTIONS = ['What is written on the sign in image_1?', 'Read the words on the sign, please.'];
const FLUSH = 'Unrelated text that shares no prefix with the agent prompt.';

/**
 * Prompt size and time to first token for `n` tools with top-k selection on (the host's defaults:
 * all tools up to 16, else the top 8 for the question) and off (every tool in the prompt); each
 * cell cold (the KV cache holds an unrelated prompt) and warm (a second question, same tools).
 * A prompt larger than `ctx` is not sent; its size is reported.
 */
export async function benchPromptCache(options: PromptCacheOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-host-'));
  const model = join(dir, `${options.shape}.gguf`);
  const shape = { ...benchShapes[options.shape], ctx: options.ctx, type: 'f16' as const, seed: 5 };
  const summary = measureLlamaModel(shape);
  await writeLlamaModel(model, { ...shape, threads: options.threads });
  const lmm = await LmmChild.start(`llama:${model},gpu=cpu,ctx=${options.ctx},threads=${options.threads}`);
  const cells: PromptCell[] = [];
  try {
    for (const count of options.toolCounts) {
      const all = toolSet(count);
      for (const topK of [true, false]) {
        if (!topK && (count <= 16 || !options.allTools)) continue;
        const chosen = await Promise.all(
          QUESTIONS.map((question) =>
            selectTools(all, question, { maxAll: topK ? 16 : count, topK: 8, pinned: [] }),
          ),
        );
        const prompts = chosen.map((tools) => systemPrompt(tools, 'json'));
        const chars = prompts[0]?.length ?? 0;
        const cell = {
          tools: count,
          top_k: topK,
          tools_in_prompt: chosen[0]?.length ?? 0,
          prompt_chars: chars,
        };
        // About 1.16 characters per token with the test vocabulary; stay clear of the context.
        if (chars / 1.1 > options.ctx - 256) {
          cells.push({ ...cell, sent: false, reason: `the prompt does not fit ctx ${options.ctx}` });
          continue;
        }
        await lmm.chat({ messages: [{ role: 'user', content: FLUSH }], maxTokens: 1 });
        const cold = await ask(lmm, chosen[0] ?? [], QUESTIONS[0] as string);
        const warm = await ask(lmm, chosen[1] ?? [], QUESTIONS[1] as string);
        cells.push({
          ...cell,
          sent: true,
          cold: record(cold),
          warm: record(warm),
          same_tools: prompts[0] === prompts[1],
        });
      }
    }
  } finally {
    await lmm.close();
  }
  const sent = cells.filter((cell) => cell.cold);
  const charsPerToken =
    sent.reduce((sum, cell) => sum + cell.prompt_chars, 0) /
    sent.reduce((sum, cell) => sum + (cell.cold?.prompt_tokens ?? 0), 0);
  for (const cell of cells) {
    if (!cell.sent && charsPerToken > 0)
      cell.estimated_tokens = Math.round(cell.prompt_chars / charsPerToken);
  }
  return {
    model: { shape: options.shape, ...summary.shape, parameters: summary.parameters, type: 'f16' },
    ctx: options.ctx,
    threads: options.threads,
    device: lmm.info().device,
    cells,
  };
}

function ask(lmm: LmmChild, tools: PoolTool[], question: string): Promise<ChatResult> {
  const schema = turnJsonSchema(
    tools.map((entry) => ({ name: entry.name, inputSchema: entry.tool.inputSchema })),
  );
  return lmm.chat({
    messages: [
      { role: 'system', content: systemPrompt(tools, 'json') },
      { role: 'user', content: `<image_1> ${question}` },
    ],
    jsonSchema: schema,
    maxTokens: 8,
  });
}

function record(result: ChatResult) {
  return {
    prompt_tokens: result.usage.promptTokens,
    cached_tokens: result.usage.cachedTokens ?? 0,
    first_token_ms: Math.round(result.timings.firstTokenMs),
    total_ms: Math.round(result.timings.totalMs),
    prompt_tokens_per_s: Math.round(result.timings.promptTokensPerSecond ?? 0),
  };
}
