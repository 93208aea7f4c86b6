import { beforeAll, describe, expect, it } from 'vitest';
import { ToolSearchKindSchema } from '../../src/store/tool-search.js';
import { detectTools, ocrTools, serverJson } from '../fixtures.js';
import { registryFixture } from './app-fixture.js';

type Hits = {
  tools: Array<{ server: { name: string }; tool: { name: string } }>;
  metadata: { count: number };
};

describe.each(ToolSearchKindSchema.options)('GET /v0/tools with the %s engine', (toolSearch) => {
  const registry = registryFixture({ toolSearch });
  const search = async (query: string, limit = '') => {
    const response = await registry.call('GET', `/v0/tools?q=${encodeURIComponent(query)}${limit}`);
    return { status: response.status, body: (await response.json()) as Hits };
  };

  beforeAll(async () => {
    const token = await registry.tokenFor('io.github.mmskills');
    for (const [name, tools] of [
      ['ocr', ocrTools],
      ['detect', detectTools],
    ] as const)
      await registry.call(
        'POST',
        '/v0/publish',
        { server: serverJson(`io.github.mmskills/${name}`, '1.0.0'), tools },
        token,
      );
  });

  it('answers the best tool with its server', async () => {
    const { status, body } = await search('read the text on this receipt');
    expect(status).toBe(200);
    expect(body.tools[0]).toMatchObject({
      server: { name: 'io.github.mmskills/ocr' },
      tool: { name: 'read_text' },
    });
    expect(body.metadata.count).toBe(body.tools.length);
  });

  it.each([
    'text" OR "x',
    'text*',
    'NEAR(text photo)',
    "text'; DROP TABLE tools; --",
    'text%',
    'title:text',
    '-text',
  ])('takes %s as words', async (query) => {
    const { status, body } = await search(query);
    expect(status).toBe(200);
    expect(body.tools[0]?.tool.name).toBe('read_text');
  });

  it('answers no tools for a query of syntax only, and 400 for a limit over 50', async () => {
    expect(await search('"*()-:%')).toEqual({ status: 200, body: { tools: [], metadata: { count: 0 } } });
    expect((await search('text', '&limit=100000')).status).toBe(400);
    expect((await search('photo', '&limit=1')).body.tools).toHaveLength(1);
  });
});
