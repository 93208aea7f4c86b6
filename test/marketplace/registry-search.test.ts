import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { registrySearch } from '@mmskills/host';
import { createRegistryApp, hashToken, openSqliteStore } from '@mmskills/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('registrySearch', () => {
  let url: string;
  let stop: () => void;

  beforeAll(async () => {
    const store = openSqliteStore(':memory:');
    await store.saveToken({
      hash: hashToken('t'),
      namespace: 'io.github.you',
      createdAt: new Date().toISOString(),
    });
    const app = createRegistryApp({ store, log: quiet });
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stop = () => server.close();
    const server_json = (name: string) => ({
      $schema: 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
      name: `io.github.you/${name}`,
      description: `The ${name} skill.`,
      version: '1.0.0',
      packages: [
        {
          registryType: 'npm',
          identifier: `@you/skill-${name}`,
          version: '1.0.0',
          transport: { type: 'stdio' },
        },
      ],
    });
    const tool = {
      name: 'count_coins',
      description: 'Counts the coins on a table.',
      inputSchema: { type: 'object' },
    };
    const published = await app.request('/v0/publish', {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ server: server_json('coins'), tools: [tool] }),
    });
    expect(published.status).toBe(201);
  });
  afterAll(() => stop());

  it('finds a skill whatever the host ran when the search was made (one installed later included)', async () => {
    const search = registrySearch(url);
    expect(await search('count the coins', 5)).toEqual([{ skill: 'coins', tool: 'count_coins' }]);
  });
});
