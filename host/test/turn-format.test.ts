import { createLogger, parseTurn } from '@mmskills/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrompt } from '../src/agent/prompt.js';
import { HostConfigSchema } from '../src/config/schema.js';
import { createHost, type Host } from '../src/host.js';
import { createHostApp } from '../src/http/app.js';
import { createOpenAiBackend } from '../src/lmm/openai.js';
import {
  type FakeCompletionsServer,
  type SentRequest,
  sentText,
  startCompletionsServer,
} from './fixtures/openai-server.js';

const quiet = createLogger('test', { level: 'silent' });

// A constrained backend (here: openai, which sends the turn schema as response_format) must be
// taught the JSON form its schema enforces, and read its own earlier turns in that form.
describe('the turn format a constrained backend is taught and shown', () => {
  let server: FakeCompletionsServer;
  let host: Host;
  let app: ReturnType<typeof createHostApp>['app'];
  let close: () => Promise<void>;

  beforeAll(async () => {
    // The first reply of the first question cannot be read; every other reply answers.
    let replies = 0;
    server = await startCompletionsServer(() =>
      replies++ === 0
        ? 'Sure! Let me think'
        : JSON.stringify({ thoughts: 'Easy.', actions: [], value: 'Hello.' }),
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

  const post = (path: string, body?: unknown) =>
    app.request(`http://127.0.0.1:8080${path}`, {
      method: 'POST',
      headers: { host: '127.0.0.1:8080', 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  it('teaches, asks again for, and replays the JSON form only', async () => {
    const { id } = (await (await post('/v1/conversations')).json()) as { id: string };
    for (const text of ['Say hello.', 'And again.']) {
      const response = await post(`/v1/conversations/${id}/messages`, { text });
      expect(response.status).toBe(200);
      await response.text();
    }
    const requests = server.requests as SentRequest[];
    expect(requests).toHaveLength(3);
    const system = sentText(requests[0]?.messages[0]?.content ?? '');
    expect(system).toContain('one JSON object with exactly these three keys');
    expect(system).not.toMatch(/🤔|🚀|👉/);
    const example = system.split('\n').filter((line) => line.startsWith('Assistant: '));
    expect(example).toHaveLength(2);
    for (const line of example) expect(() => JSON.parse(line.slice('Assistant: '.length))).not.toThrow();

    const retry = requests[1]?.messages.at(-1);
    expect(sentText(retry?.content ?? '')).toMatch(/Reply again with one JSON object/);
    // The second question's request replays the first answer as the model wrote it: JSON.
    const history = (requests[2]?.messages ?? []).filter((message) => message.role === 'assistant');
    expect(history.length).toBeGreaterThan(0);
    const answered = sentText(history.at(-1)?.content ?? '');
    expect(JSON.parse(answered)).toEqual({ thoughts: 'Easy.', actions: [], value: 'Hello.' });
    for (const message of requests.flatMap((request) => request.messages)) {
      expect(sentText(message.content)).not.toMatch(/🤔|🚀|👉/);
    }
  });

  it('teaches backends that write free text the marker form, example included', () => {
    const prompt = systemPrompt([], 'markers');
    expect(prompt).toContain('"thoughts🤔"');
    expect(prompt).not.toContain('"thoughts":');
    const example = /\nAssistant: ([\s\S]*?)\nUser:/.exec(prompt)?.[1] ?? '';
    expect(example.split('\n')).toHaveLength(3);
    expect(parseTurn(example)).toMatchObject({
      actions: [{ API_name: 'read_text' }],
    });
  });
});
