import { createLogger } from '@mmskills/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostConfigSchema } from '../src/config/schema.js';
import { createHost, type Host } from '../src/host.js';
import { createHostApp } from '../src/http/app.js';
import { createOpenAiBackend } from '../src/lmm/openai.js';
import { type FakeCompletionsServer, startCompletionsServer } from './fixtures/openai-server.js';

const quiet = createLogger('test', { level: 'silent' });
const answer = JSON.stringify({ thoughts: 'Nothing to run.', actions: [], value: 'Hello.' });

describe("the host's token accounting with a model server that reports its KV cache", () => {
  let server: FakeCompletionsServer;
  let host: Host;
  let app: ReturnType<typeof createHostApp>['app'];
  let close: () => Promise<void>;

  beforeAll(async () => {
    // A question that says "cut" gets the start of a turn, as a model stopped by max_tokens leaves it.
    server = await startCompletionsServer((body) =>
      JSON.stringify(body.messages).includes('cut') ? answer.slice(0, 30) : answer,
    );
    host = await createHost(HostConfigSchema.parse({ skills: {} }), {
      log: quiet,
      backend: createOpenAiBackend({ baseUrl: server.url, model: 'test-model' }),
    });
    ({ app, close } = createHostApp(host, { hostname: '127.0.0.1', log: quiet }));
  });

  afterAll(async () => {
    await close();
    await host.close();
    await server.close();
  });

  const complete = (body: Record<string, unknown>) =>
    app.request('http://127.0.0.1:8080/v1/chat/completions', {
      method: 'POST',
      headers: { host: '127.0.0.1:8080', 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Say hello.' }], ...body }),
    });

  it('returns the usage of the model calls, cached prompt tokens included', async () => {
    const body = (await (await complete({})).json()) as Record<string, unknown>;
    expect(body.choices).toMatchObject([{ message: { content: 'Hello.' } }]);
    expect(body.usage).toEqual({
      prompt_tokens: 12,
      completion_tokens: 3,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 8 },
    });
  });

  it('streams a last usage chunk when stream_options.include_usage asks for it, and only then', async () => {
    const chunks = async (body: Record<string, unknown>) =>
      (await (await complete(body)).text())
        .split('\n\n')
        .map((block) => /^data: (.*)$/m.exec(block)?.[1])
        .filter((data): data is string => data !== undefined && data !== '[DONE]')
        .map((data) => JSON.parse(data) as { choices: unknown[]; usage?: unknown });
    const withUsage = await chunks({ stream: true, stream_options: { include_usage: true } });
    expect(withUsage.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 12, completion_tokens: 3, prompt_tokens_details: { cached_tokens: 8 } },
    });
    const without = await chunks({ stream: true });
    expect(without.some((chunk) => 'usage' in chunk)).toBe(false);
  });

  it('counts cached tokens in /metrics', async () => {
    const metrics = await (
      await app.request('http://127.0.0.1:8080/metrics', { headers: { host: '127.0.0.1:8080' } })
    ).text();
    expect(metrics).toMatch(/^mmskills_lmm_tokens_total\{kind="cached"\} (\d+)$/m);
    const cached = Number(/^mmskills_lmm_tokens_total\{kind="cached"\} (\d+)$/m.exec(metrics)?.[1]);
    expect(cached).toBe(8 * 3);
  });

  it('counts the tokens of a run that ended in an error, and says the reply was cut off', async () => {
    server.finishReason = 'length';
    try {
      const body = (await (
        await complete({ messages: [{ role: 'user', content: 'Give a cut reply.' }] })
      ).json()) as { choices: Array<{ message: { content: string } }>; usage: unknown };
      expect(body.choices[0]?.message.content).toMatch(
        /^Error: the model's reply could not be read twice: the reply stopped at the token limit/,
      );
      // Two model calls: the first reply and the retry.
      expect(body.usage).toEqual({
        prompt_tokens: 24,
        completion_tokens: 6,
        total_tokens: 30,
        prompt_tokens_details: { cached_tokens: 16 },
      });
    } finally {
      server.finishReason = 'stop';
    }
  });
});
