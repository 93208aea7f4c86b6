import { readFileSync } from 'node:fs';
import { createLogger, type Turn } from '@mmskills/core';
import { photoPath } from '@mmskills/core/testing';
import { Conversation } from '../../host/src/agent/conversation.js';
import { runAgent } from '../../host/src/agent/loop.js';
import type { ChatRequest, ChatResult, LmmBackend } from '../../host/src/lmm/backend.js';
import { createScriptedBackend } from '../../host/src/lmm/scripted.js';
import { builtinSkillServers } from '../../host/src/pool/builtin.js';
import { SkillPool } from '../../host/src/pool/pool.js';
import { summarise } from '../lib/stats.js';

const TURNS: Turn[] = [
  {
    thoughts: 'Measure it.',
    actions: [{ API_name: 'image_info', API_params: { image: 'image_1' } }],
    value: '…',
  },
  { thoughts: 'Done.', actions: [], value: 'Measured.' },
];

/** The skill pool with the time spent inside its tool calls added up. */
class TimedPool extends SkillPool {
  toolMs = 0;

  override async call(...args: Parameters<SkillPool['call']>) {
    const started = performance.now();
    try {
      return await super.call(...args);
    } finally {
      this.toolMs += performance.now() - started;
    }
  }
}

/** A backend with the time spent inside it added up. */
function timed(backend: LmmBackend): LmmBackend & { modelMs: number; calls: number } {
  const wrapper = {
    modelMs: 0,
    calls: 0,
    info: () => backend.info(),
    close: () => backend.close(),
    async chat(request: ChatRequest): Promise<ChatResult> {
      const started = performance.now();
      try {
        return await backend.chat(request);
      } finally {
        wrapper.modelMs += performance.now() - started;
        wrapper.calls += 1;
      }
    },
  };
  return wrapper;
}

/**
 * Host time per agent step, model and tool time excluded: the real agent loop with a scripted
 * model and the real image skill over stdio (`image_info` on a photo, then an answer: 2 steps).
 * Also the memory that idle conversations hold, after one such exchange each.
 */
export async function benchOverhead(options: { runs: number; conversations: number }) {
  const pool = new TimedPool(
    { image: builtinSkillServers({ source: true }).image ?? { command: 'missing', args: [], env: {} } },
    { log: createLogger('bench', { level: 'silent' }) },
  );
  const backend = timed(createScriptedBackend({ turns: TURNS }));
  const agent = {
    backend,
    pool,
    selection: { maxAll: 16, topK: 8, pinned: [] },
    maxSteps: 4,
  };
  const photo = readFileSync(photoPath('chelsea'));
  const exchange = async (conversation: Conversation) => {
    const before = { tool: pool.toolMs, model: backend.modelMs, calls: backend.calls };
    const started = performance.now();
    let answered = false;
    const message = { text: 'How big is it?', images: [{ data: Buffer.from(photo), mimeType: 'image/png' }] };
    for await (const event of runAgent(agent, conversation, message)) {
      if (event.type === 'error') throw new Error(event.message);
      if (event.type === 'answer') answered = true;
    }
    if (!answered) throw new Error('the agent did not answer');
    const wall = performance.now() - started;
    const steps = backend.calls - before.calls;
    const host = wall - (pool.toolMs - before.tool) - (backend.modelMs - before.model);
    return { perStep: host / steps, tool: pool.toolMs - before.tool, wall };
  };
  try {
    for (let i = 0; i < 20; i += 1) await exchange(new Conversation(`warm-${i}`));
    const perStep: number[] = [];
    const tool: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < options.runs; i += 1) {
      const run = await exchange(new Conversation(`run-${i}`));
      perStep.push(run.perStep);
      tool.push(run.tool);
      wall.push(run.wall);
    }
    const memory = await idleMemory(options.conversations, exchange, photo.length);
    return {
      runs: options.runs,
      steps_per_run: 2,
      tool: 'image/image_info over stdio, chelsea.png',
      host_per_step: summarise(perStep),
      tool_call: summarise(tool),
      exchange_wall: summarise(wall),
      memory,
    };
  } finally {
    await pool.close();
  }
}

async function idleMemory(
  count: number,
  exchange: (conversation: Conversation) => Promise<unknown>,
  photoBytes: number,
) {
  const gc = (globalThis as { gc?: () => void }).gc;
  const settle = () => {
    gc?.();
    const usage = process.memoryUsage();
    return { heap: usage.heapUsed, buffers: usage.arrayBuffers, rss: usage.rss };
  };
  const held: Conversation[] = [];
  // An empty conversation is a few hundred bytes: count many of them to rise above the noise.
  const emptyCount = count * 20;
  const empty = settle();
  for (let i = 0; i < emptyCount; i += 1) held.push(new Conversation(`empty-${i}`));
  const afterEmpty = settle();
  held.length = 0;
  const before = settle();
  for (let i = 0; i < count; i += 1) {
    const conversation = new Conversation(`idle-${i}`);
    await exchange(conversation);
    held.push(conversation);
  }
  const after = settle();
  const per = (a: number, b: number) => Math.round((b - a) / count);
  return {
    conversations: count,
    gc_exposed: gc !== undefined,
    photo_bytes: photoBytes,
    empty_conversations: emptyCount,
    empty_bytes_each: {
      heap: Math.round((afterEmpty.heap - empty.heap) / emptyCount),
      rss: Math.round((afterEmpty.rss - empty.rss) / emptyCount),
    },
    after_one_exchange_bytes_each: {
      heap: per(before.heap, after.heap),
      buffers: per(before.buffers, after.buffers),
      rss: per(before.rss, after.rss),
    },
    still_held: held.length,
  };
}
