import { parseTurn, turnJsonSchema } from '@mmskills/core';
import { describe, expect, it } from 'vitest';
import type { LmmBackend } from '../src/lmm/backend.js';

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
  'base64',
);

/**
 * One suite for every LMM backend (Hono's `common.case` pattern): what the agent loop relies on.
 * `open` gives a ready backend; `close` is called by the suite.
 */
export function lmmContract(name: string, open: () => Promise<LmmBackend>) {
  describe(`${name} backend contract`, () => {
    it('answers a chat with text, streams the same text, and reports usage and timings', async () => {
      const backend = await open();
      try {
        const pieces: string[] = [];
        const result = await backend.chat({
          messages: [
            { role: 'system', content: 'You are terse.' },
            { role: 'user', content: 'Say hello.' },
          ],
          maxTokens: 16,
          onToken: (piece) => pieces.push(piece),
        });
        expect(result.text.length).toBeGreaterThan(0);
        expect(pieces.join('')).toBe(result.text);
        expect(result.timings.totalMs).toBeGreaterThanOrEqual(0);
        expect(result.usage.completionTokens).toBeGreaterThanOrEqual(0);
      } finally {
        await backend.close();
      }
    });

    it('takes an image part when it has vision', async () => {
      const backend = await open();
      try {
        if (!backend.info().vision) return;
        const result = await backend.chat({
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'What is this?' },
                { type: 'image', data: PNG_1X1, mimeType: 'image/png' },
              ],
            },
          ],
          maxTokens: 8,
        });
        expect(typeof result.text).toBe('string');
      } finally {
        await backend.close();
      }
    });

    it('keeps to the turn schema when it supports constraints', async () => {
      const backend = await open();
      try {
        if (!backend.info().constrained) return;
        const schema = turnJsonSchema([
          {
            name: 'read_text',
            inputSchema: { type: 'object', properties: { image: { type: 'string' } }, required: ['image'] },
          },
        ]);
        const result = await backend.chat({
          messages: [{ role: 'user', content: 'Read image_1.' }],
          jsonSchema: schema,
          maxTokens: 200,
        });
        const turn = parseTurn(result.text);
        for (const action of turn.actions) expect(action.API_name).toBe('read_text');
      } finally {
        await backend.close();
      }
    });

    it('stops when its signal aborts', async () => {
      const backend = await open();
      try {
        const controller = new AbortController();
        controller.abort(new Error('user left'));
        await expect(
          backend.chat({ messages: [{ role: 'user', content: 'hi' }], signal: controller.signal }),
        ).rejects.toThrow();
      } finally {
        await backend.close();
      }
    });
  });
}
