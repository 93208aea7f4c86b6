import { renderTurn } from '@mmskills/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiBackend } from '../src/lmm/openai.js';
import { type FakeCompletionsServer, startCompletionsServer } from './fixtures/openai-server.js';

let server: FakeCompletionsServer;
beforeAll(async () => {
  server = await startCompletionsServer((body) =>
    body.response_format
      ? JSON.stringify({
          thoughts: 'Read it.',
          actions: [{ API_name: 'read_text', API_params: { image: 'image_1' } }],
          value: 'Reading.',
        })
      : renderTurn({ thoughts: '', actions: [], value: 'Hello.' }),
  );
});
afterAll(async () => {
  await server.close();
});

describe('openai backend', () => {
  it('sends images as data URLs and the turn schema as response_format', async () => {
    const backend = createOpenAiBackend({ baseUrl: server.url, model: 'test-model' });
    const before = server.requests.length;
    await backend.chat({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hi' },
            { type: 'image', data: Buffer.from('png'), mimeType: 'image/png' },
          ],
        },
      ],
      jsonSchema: { type: 'object' },
    });
    expect(server.requests[before]).toMatchObject({
      model: 'test-model',
      stream: true,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hi' },
            {
              type: 'image_url',
              image_url: { url: `data:image/png;base64,${Buffer.from('png').toString('base64')}` },
            },
          ],
        },
      ],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'turn', strict: true, schema: { type: 'object' } },
      },
    });
  });

  it('retries 429 and 503 with backoff, then succeeds', async () => {
    server.failFirst = [429, 503];
    const backend = createOpenAiBackend({ baseUrl: server.url, retries: 3 });
    const result = await backend.chat({ messages: [{ role: 'user', content: 'hi' }] });
    expect(result.text).toContain('Hello.');
    expect(result.usage).toEqual({ promptTokens: 12, completionTokens: 3, cachedTokens: 8 });
  });

  it('gives up after its retries with the status in the message, and does not retry a 400', async () => {
    server.failFirst = [503, 503, 503];
    const backend = createOpenAiBackend({ baseUrl: server.url, retries: 1 });
    await expect(backend.chat({ messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow(
      /answered 503/,
    );
    server.failFirst = [400];
    const before = server.requests.length;
    await expect(backend.chat({ messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow(
      /answered 400/,
    );
    expect(server.requests.length - before).toBe(1);
    server.failFirst = [];
  });

  it('says clearly when the server is unreachable', async () => {
    const backend = createOpenAiBackend({ baseUrl: 'http://127.0.0.1:9/v1', retries: 0 });
    await expect(backend.chat({ messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow(
      /the LMM server at http:\/\/127\.0\.0\.1:9\/v1 is unreachable/,
    );
  });
});
