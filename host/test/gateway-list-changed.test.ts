import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../src/host.js';
import { createHostApp } from '../src/http/app.js';
import { quietLog, scriptedHost, skills } from './fixtures/hosts.js';
import { GATEWAY_URL, inProcessFetch } from './fixtures/in-process.js';

const twoSkills = () => {
  const { crashy } = skills('crashy');
  if (!crashy) throw new Error('no crashy test skill');
  return { crashy, other: crashy };
};

describe('the MCP gateway while skills change', () => {
  let host: Host;
  let app: ReturnType<typeof createHostApp>['app'];
  let close: () => Promise<void>;

  beforeAll(async () => {
    host = await scriptedHost([], skills('crashy'));
    ({ app, close } = createHostApp(host, { hostname: '127.0.0.1', log: quietLog }));
  }, 120_000);

  afterAll(async () => {
    await close();
    await host.close();
  });

  const connect = async () => {
    const client = new Client({ name: 'test', version: '0.0.0' });
    await client.connect(new StreamableHTTPClientTransport(GATEWAY_URL, { fetch: inProcessFetch(app) }));
    return client;
  };

  it('tells connected clients the tool list changed, and lists the new skill', async () => {
    const client = await connect();
    expect(client.getServerCapabilities()?.tools).toEqual({ listChanged: true });
    const before = (await client.listTools()).tools.map((tool) => tool.name);
    expect(before).toContain('crashy__echo_text');
    const notified = new Promise<void>((resolve) =>
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()),
    );
    // Give the client's standalone SSE stream, which carries server notifications, time to open.
    await new Promise((resolve) => setTimeout(resolve, 200));

    await host.pool.update(twoSkills());
    await notified;
    const after = (await client.listTools()).tools.map((tool) => tool.name);
    expect(after).toEqual(expect.arrayContaining(['crashy__echo_text', 'other__echo_text']));
    await client.close();
  });

  it('sends nothing when an update changes nothing', async () => {
    const client = await connect();
    let notifications = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      notifications += 1;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const changes = await host.pool.update(twoSkills());
    expect(changes).toEqual({ added: [], removed: [], changed: [] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(notifications).toBe(0);
    await client.close();
  });
});
