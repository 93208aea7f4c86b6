import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { turnJsonSchema } from '@mmskills/core';
import { encodeImage } from '@mmskills/image';
import { encodePng, llamaPresets, testPicture, writeLlamaModel, writeMmproj } from '@mmskills/test-models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrompt } from '../src/agent/prompt.js';
import type { ChatMessage, ContentPart } from '../src/lmm/backend.js';
import type { PoolTool } from '../src/pool/pool.js';
import { LmmChild } from './fixtures/lmm-client.js';

const tools: PoolTool[] = ['find_cars', 'count_people', 'read_signs', 'measure_boxes'].map((name) => ({
  skill: 'demo',
  name,
  qualifiedName: `demo__${name}`,
  tool: {
    name,
    description: `Looks at the picture and answers with ${name.replace('_', ' ')} as JSON, one entry per item.`,
    inputSchema: {
      type: 'object',
      properties: {
        image: { type: 'string', description: 'Handle of the picture, e.g. image_1.' },
        min_score: { type: 'number', description: 'Drop findings below this confidence.', default: 0.3 },
      },
      required: ['image'],
    },
  },
}));
const system = systemPrompt(tools, 'json');
const schema = turnJsonSchema(
  tools.map((entry) => ({ name: entry.name, inputSchema: entry.tool.inputSchema })),
);
const picture = (width: number, height: number): ContentPart => ({
  type: 'image',
  data: encodePng(testPicture(width, height)),
  mimeType: 'image/png',
});

// The agent loop writes the question before its pictures; the backend reorders them for the cache.
function ask(question: string, more: ChatMessage[] = [], image?: ContentPart) {
  const text = `<image_1> ${question}`;
  const user: ChatMessage['content'] = image ? [{ type: 'text', text }, image] : question;
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    { role: 'user', content: user },
    ...more,
  ];
  return {
    messages,
    jsonSchema: schema,
    maxTokens: 12,
  };
}

// The tiny model's vocabulary spends about one token per character, so this prompt is ~2,000 tokens.
describe('the llama backend keeps the shared prompt prefix in its KV cache', () => {
  let lmm: LmmChild;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llama-cache-'));
    const model = join(dir, 'tiny.gguf');
    const mmproj = join(dir, 'mmproj.gguf');
    await writeLlamaModel(model, { ...llamaPresets.tiny, ctx: 8192, type: 'f16', seed: 11 });
    await writeMmproj(mmproj, { textEmbd: llamaPresets.tiny.embd });
    lmm = await LmmChild.start(`llama:${model},mmproj=${mmproj},gpu=cpu,ctx=8192,threads=2`);
  }, 120_000);

  afterAll(async () => {
    await lmm?.close();
  });

  it('evaluates the system prompt once: later questions and conversations read it from the cache', async () => {
    const first = await lmm.chat(ask('How many cars are in the picture?'));
    expect(first.usage.cachedTokens).toBe(0);
    expect(first.usage.promptTokens).toBeGreaterThan(1500);
    const second = await lmm.chat(ask('What does the sign say?'));
    const prefix = first.usage.promptTokens - 40;
    expect(second.usage.cachedTokens).toBeGreaterThanOrEqual(prefix);
    expect(second.usage.cachedTokens).toBeLessThan(second.usage.promptTokens);
    // An agent step appends the model's turn and the observation: only those are new.
    const turn = second.text;
    const step = await lmm.chat(
      ask('What does the sign say?', [
        { role: 'assistant', content: turn },
        { role: 'user', content: 'read_signs model outputs: {"signs":["STOP"]}' },
      ]),
    );
    expect(step.usage.cachedTokens).toBeGreaterThanOrEqual(second.usage.promptTokens - 5);
  }, 120_000);

  it('reuses the system prompt for questions with new pictures (pictures go before the text)', async () => {
    const one = await lmm.chat(ask('Count the people.', [], picture(64, 48)));
    const two = await lmm.chat(ask('Read the signs.', [], picture(80, 40)));
    expect(one.usage.promptTokens).toBeGreaterThan(1500);
    expect(two.usage.cachedTokens).toBeGreaterThan(1500);
  }, 120_000);

  it('takes WebP pictures, which llama.cpp cannot decode itself, by converting them', async () => {
    const raw = testPicture(72, 40);
    const webp = await encodeImage(
      { data: raw.pixels, width: raw.width, height: raw.height, channels: raw.channels },
      'webp',
    );
    const result = await lmm.chat(ask('Read the signs.', [], { type: 'image', ...webp }));
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.usage.cachedTokens).toBeGreaterThan(1500);
  }, 120_000);

  it('serves concurrent requests one after another, each output keeping to its schema', async () => {
    // A schema whose every value is bounded, so a random-weight model always finishes it.
    const choice = {
      type: 'object',
      properties: { tool: { enum: tools.map((entry) => entry.name) }, sure: { type: 'boolean' } },
      required: ['tool', 'sure'],
      additionalProperties: false,
    };
    const questions = ['Find the cars.', 'Count the people.', 'Read the signs.', 'Measure the boxes.'];
    const results = await Promise.all(
      questions.map((question) => lmm.chat({ ...ask(question), jsonSchema: choice, maxTokens: 200 })),
    );
    for (const result of results) {
      const answer = JSON.parse(result.text) as { tool: string; sure: boolean };
      expect(tools.map((entry) => entry.name)).toContain(answer.tool);
      expect(typeof answer.sure).toBe('boolean');
    }
    const cached = results.filter((result) => (result.usage.cachedTokens ?? 0) > 1500);
    expect(cached.length).toBeGreaterThanOrEqual(3);
  }, 180_000);

  it('aborts a running request; a late abort does not stop the next request', async () => {
    const controller = new AbortController();
    let streamed = 0;
    const long = {
      ...ask('Describe everything at length.'),
      jsonSchema: undefined,
      maxTokens: 4000,
      signal: controller.signal,
      onToken: () => {
        streamed += 1;
        if (streamed === 2) controller.abort();
      },
    };
    await expect(lmm.chat(long)).rejects.toMatchObject({ name: 'AbortError' });
    expect(streamed).toBeLessThan(200);
    const late = new AbortController();
    const done = lmm.chat({ ...ask('Find the cars.'), signal: late.signal });
    const next = lmm.chat({ ...ask('Count the people.'), maxTokens: 30 });
    await done;
    late.abort();
    const result = await next;
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.usage.cachedTokens).toBeGreaterThan(1500);
  }, 120_000);

  it('answers a picture llama.cpp cannot read with a clear error, then serves the next request', async () => {
    const broken: ContentPart = { type: 'image', data: Buffer.from('not a png'), mimeType: 'image/png' };
    const failed = lmm.chat(ask('What is this?', [], broken));
    await expect(failed).rejects.toMatchObject({
      code: 'model_failed',
      message: expect.stringMatching(/llama\.cpp failed: .*media/i),
    });
    const after = await lmm.chat(ask('Find the cars.'));
    expect(after.usage.completionTokens).toBeGreaterThan(0);
    const again = await lmm.chat(ask('Count the people.'));
    expect(again.usage.cachedTokens).toBeGreaterThan(1500);
  }, 120_000);
});

describe('the llama backend without a vision projector', () => {
  it('refuses pictures clearly, answers text, and on close ends the running request and fails the waiting one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llama-text-'));
    const model = join(dir, 'tiny.gguf');
    await writeLlamaModel(model, { ...llamaPresets.tiny, type: 'f16', seed: 2 });
    const lmm = await LmmChild.start(`llama:${model},gpu=cpu,ctx=2048,threads=2`);
    try {
      expect(lmm.info()).toMatchObject({ vision: false, device: 'CPU' });
      const image = picture(16, 16);
      const refused = lmm.chat({
        messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }, image] }],
      });
      await expect(refused).rejects.toMatchObject({
        code: 'invalid_argument',
        message: expect.stringContaining('mmproj=<file>'),
      });
      const text = await lmm.chat({ messages: [{ role: 'user', content: 'hi' }], maxTokens: 4 });
      expect(text.usage.promptTokens).toBeGreaterThan(0);
      // This random model never ends a reply by itself (see below), so 4 tokens is the limit.
      expect(text.finishReason).toBe('length');
      // Closing ends the running request early and fails the one waiting behind it. Seeded
      // sampling (and greedy decoding here) makes this random model's output the same every run:
      // it loops, never ending. Should it end anyway, the assertions below say so, not a timeout.
      let streamed: () => void = () => undefined;
      const started = new Promise<void>((resolve) => {
        streamed = resolve;
      });
      const running = lmm.chat({
        messages: [{ role: 'user', content: 'Tell a long story.' }],
        maxTokens: 100_000,
        temperature: 0,
        onToken: () => streamed(),
      });
      const waiting = lmm.chat({ messages: [{ role: 'user', content: 'And another.' }], maxTokens: 4 });
      const settled = Promise.allSettled([running, waiting]);
      await Promise.race([started, settled]);
      await lmm.close();
      const [first, second] = await settled;
      expect(first.status).toBe('fulfilled');
      if (first.status === 'fulfilled') expect(first.value.usage.completionTokens).toBeLessThan(100_000);
      expect(second).toMatchObject({
        status: 'rejected',
        reason: { message: expect.stringContaining('is closed') },
      });
    } finally {
      await lmm.close();
    }
  }, 120_000);
});
