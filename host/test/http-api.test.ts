import { readFile } from 'node:fs/promises';
import { photoPath } from '@mmskills/core/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../src/host.js';
import { createHostApp } from '../src/http/app.js';
import { quietLog, scriptedHost, skills } from './fixtures/hosts.js';
import { GATEWAY_URL, inProcessFetch } from './fixtures/in-process.js';

const turns = [
  {
    thoughts: 'Look for cats.',
    actions: [{ API_name: 'detect_objects', API_params: { image: 'image_1', labels: ['cat'] } }],
    value: 'Looking.',
  },
  { thoughts: 'Found one.', actions: [], value: 'There is a cat.' },
];

function sseEvents(text: string): Array<{ event: string; data: unknown }> {
  return text
    .split('\n\n')
    .filter((block) => block.includes('data:'))
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
      return { event, data: data === '[DONE]' ? data : JSON.parse(data) };
    });
}

describe('the host HTTP API', () => {
  let host: Host;
  let app: ReturnType<typeof createHostApp>['app'];
  let close: () => Promise<void>;
  let chelseaUrl: string;

  beforeAll(async () => {
    host = await scriptedHost(turns, skills('detect', 'image'));
    ({ app, close } = createHostApp(host, { hostname: '127.0.0.1', log: quietLog }));
    chelseaUrl = `data:image/png;base64,${(await readFile(photoPath('chelsea'))).toString('base64')}`;
  }, 120_000);

  afterAll(async () => {
    await close();
    await host.close();
  });

  const call = (path: string, init: RequestInit = {}) =>
    app.request(`http://127.0.0.1:8080${path}`, {
      ...init,
      headers: { host: '127.0.0.1:8080', ...(init.headers as Record<string, string>) },
    });
  const postJson = (path: string, body: unknown) =>
    call(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('reports health: model, skills with real round trips', async () => {
    const health = (await (await call('/health')).json()) as {
      model: { backend: string };
      skills: Record<string, { state: string; tools: number }>;
    };
    expect(health.model.backend).toBe('scripted');
    expect(health.skills.detect).toMatchObject({ state: 'ready', tools: 1 });
    expect(health.skills.image?.tools).toBe(7);
  });

  it('streams the agent events of a message and serves its images by handle', async () => {
    const { id } = (await (await call('/v1/conversations', { method: 'POST' })).json()) as { id: string };
    const response = await postJson(`/v1/conversations/${id}/messages`, {
      text: 'Is there a cat?',
      images: [chelseaUrl],
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = sseEvents(await response.text());
    expect(events.map((event) => event.event)).toEqual([
      'image',
      'thought',
      'action',
      'observation',
      'image',
      'thought',
      'answer',
      'done',
    ]);
    expect(events[6]?.data).toMatchObject({ type: 'answer', text: 'There is a cat.' });
    const annotated = await call(`/v1/conversations/${id}/images/image_2`);
    expect(annotated.status).toBe(200);
    expect(annotated.headers.get('content-type')).toMatch(/^image\//);
    const history = (await (await call(`/v1/conversations/${id}`)).json()) as {
      messages: Array<{ role: string }>;
    };
    expect(history.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
  });

  it('answers as an OpenAI-compatible model, with the tool trace in `mmskills`', async () => {
    const models = (await (await call('/v1/models')).json()) as { data: Array<{ id: string }> };
    expect(models.data[0]?.id).toBe('mmskills-agent');
    const body = {
      model: 'mmskills-agent',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Is there a cat?' },
            { type: 'image_url', image_url: { url: chelseaUrl } },
          ],
        },
      ],
    };
    const response = await postJson('/v1/chat/completions', body);
    const completion = (await response.json()) as {
      choices: Array<{ message: { content: string } }>;
      mmskills: { steps: Array<{ type: string }> };
    };
    expect(completion.choices[0]?.message.content).toBe('There is a cat.');
    expect(completion.mmskills.steps.map((step) => step.type)).toContain('observation');
    const streamed = sseEvents(
      await (await postJson('/v1/chat/completions', { ...body, stream: true })).text(),
    );
    const content = streamed.flatMap((event) =>
      event.data === '[DONE]'
        ? []
        : [
            (event.data as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content ??
              '',
          ],
    );
    expect(content.join('')).toBe('There is a cat.');
    expect(streamed.at(-1)?.data).toBe('[DONE]');
  });

  it('exposes every skill tool on the MCP gateway as <skill>__<tool>, images intact', async () => {
    const client = new Client({ name: 'test', version: '0.0.0' });
    const transport = new StreamableHTTPClientTransport(GATEWAY_URL, { fetch: inProcessFetch(app) });
    await client.connect(transport);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      [
        'detect__detect_objects',
        'image__annotate',
        'image__blur_regions',
        'image__crop',
        'image__image_info',
        'image__resize',
        'image__rotate',
        'image__zoom_in',
      ].sort(),
    );
    const result = await client.callTool({
      name: 'image__crop',
      arguments: { image: chelseaUrl, box: [0, 0, 0.5, 0.5] },
    });
    expect(result.structuredContent).toMatchObject({ width: 226, height: 150 });
    expect((result.content as Array<{ type: string }>).map((block) => block.type)).toEqual([
      'text',
      'image',
      'resource_link',
    ]);
    await expect(client.callTool({ name: 'crop', arguments: {} })).rejects.toThrow(
      /^MCP error -32602: Unknown tool "crop"; this gateway has: /,
    );
    await client.close();
  });

  it.each([
    [
      'a body that is not JSON',
      () =>
        call('/v1/chat/completions', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{',
        }),
      400,
    ],
    ['a message without text', () => postJson('/v1/conversations/none/messages', { text: '' }), 404],
    ['an unknown conversation', () => call('/v1/conversations/nope'), 404],
    [
      'a corrupt image',
      () =>
        postJson('/v1/chat/completions', {
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'x' },
                { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
              ],
            },
          ],
        }),
      400,
    ],
    [
      'an image URL (not fetched)',
      () =>
        postJson('/v1/chat/completions', {
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'x' },
                { type: 'image_url', image_url: { url: 'http://169.254.169.254/x.png' } },
              ],
            },
          ],
        }),
      400,
    ],
    [
      'a foreign Host header',
      () => app.request('http://evil.example/health', { headers: { host: 'evil.example' } }),
      403,
    ],
  ])('refuses %s', async (_case, request, status) => {
    const response = await request();
    expect(response.status).toBe(status);
    expect(await response.json()).toHaveProperty('error');
  });
});
