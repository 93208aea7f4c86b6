import { encodePng, testPicture } from '@mmskills/test-models';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { ChatRequest, LmmBackend } from '../src/lmm/backend.js';

/** What a backend says it can do; the suite checks `info()` says the same, then holds it to it. */
export interface DeclaredAbilities {
  vision: boolean;
  constrained: boolean;
}

const picture = { type: 'image' as const, data: encodePng(testPicture(48, 32)), mimeType: 'image/png' };
const ask = (text: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  messages: [
    { role: 'system', content: 'You are a helpful assistant. Answer in one sentence.' },
    { role: 'user', content: text },
  ],
  ...extra,
});
// Every value bounded, so even a random-weight model finishes it within the token limit.
const CHOICE = {
  type: 'object',
  properties: { tool: { enum: ['find_cars', 'count_people', 'read_signs'] }, sure: { type: 'boolean' } },
  required: ['tool', 'sure'],
  additionalProperties: false,
};

/**
 * One suite for every LMM backend (Hono's `common.case` pattern): what the agent loop relies on.
 * `open` gives a ready backend; every test closes the one it opened. A case for an ability the
 * backend does not declare is skipped, and shows as skipped.
 */
export function lmmContract(name: string, declared: DeclaredAbilities, open: () => Promise<LmmBackend>) {
  const using = async (test: (backend: LmmBackend) => Promise<void>) => {
    const backend = await open();
    try {
      await test(backend);
    } finally {
      await backend.close();
    }
  };

  describe(`${name} backend contract`, () => {
    it('says what it can do', () =>
      using(async (backend) => {
        expect(backend.info()).toMatchObject(declared);
      }));

    it('answers, streams exactly the text it returns, and counts what it read and wrote', () =>
      using(async (backend) => {
        const pieces: string[] = [];
        const result = await backend.chat(
          ask('Say hello.', { maxTokens: 12, onToken: (p) => pieces.push(p) }),
        );
        expect(result.text).not.toBe('');
        expect(pieces.join('')).toBe(result.text);
        expect(result.usage.promptTokens).toBeGreaterThan(0);
        expect(result.usage.completionTokens).toBeGreaterThan(0);
        expect(result.usage.completionTokens).toBeLessThanOrEqual(12);
        expect(['stop', 'length']).toContain(result.finishReason);
        expect(result.timings.totalMs).toBeGreaterThan(0);
        expect(result.timings.firstTokenMs).toBeGreaterThan(0);
        expect(result.timings.firstTokenMs).toBeLessThanOrEqual(result.timings.totalMs);
      }));

    it('stops at maxTokens and says so', () =>
      using(async (backend) => {
        const result = await backend.chat(
          ask('Tell a long story about a lighthouse keeper.', { maxTokens: 3 }),
        );
        // llama.node may count one token fewer than it generated (the first, sampled during the
        // prompt's evaluation); never more than the limit.
        expect(result.usage.completionTokens).toBeGreaterThan(0);
        expect(result.usage.completionTokens).toBeLessThanOrEqual(3);
        expect(result.finishReason).toBe('length');
      }));

    it.skipIf(!declared.vision)('reads a picture: it costs prompt tokens', () =>
      using(async (backend) => {
        const text = 'What is in this picture?';
        const without = await backend.chat({ messages: [{ role: 'user', content: text }], maxTokens: 2 });
        const withPicture = await backend.chat({
          messages: [{ role: 'user', content: [{ type: 'text', text }, picture] }],
          maxTokens: 2,
        });
        expect(withPicture.usage.promptTokens).toBeGreaterThan(without.usage.promptTokens);
      }),
    );

    it.skipIf(!declared.constrained)('keeps to a JSON Schema, every time', () =>
      using(async (backend) => {
        const valid = new Ajv2020({ strict: false }).compile(CHOICE);
        for (const question of ['Which tool finds cars?', 'Count the people.', 'Read the signs, please.']) {
          const result = await backend.chat(ask(question, { jsonSchema: CHOICE, maxTokens: 60 }));
          const value: unknown = JSON.parse(result.text);
          expect(valid(value), `${result.text}: ${JSON.stringify(valid.errors)}`).toBe(true);
          expect(result.finishReason).toBe('stop');
        }
      }),
    );

    it('refuses a request whose signal has already aborted, and stops one aborted while it streams', () =>
      using(async (backend) => {
        const early = new AbortController();
        early.abort();
        await expect(backend.chat(ask('hi', { signal: early.signal }))).rejects.toMatchObject({
          name: 'AbortError',
        });
        const late = new AbortController();
        let streamed = 0;
        const running = backend.chat(
          ask('Tell a long story about a lighthouse keeper.', {
            maxTokens: 2000,
            signal: late.signal,
            onToken: () => {
              streamed += 1;
              if (streamed === 1) late.abort();
            },
          }),
        );
        await expect(running).rejects.toMatchObject({ name: 'AbortError' });
        expect(streamed).toBeLessThan(50);
      }));

    it('refuses requests once closed', async () => {
      const backend = await open();
      await backend.close();
      await expect(backend.chat(ask('hi', { maxTokens: 2 }))).rejects.toThrow();
      await backend.close();
    });
  });
}
