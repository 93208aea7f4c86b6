import { tsxArgs } from '@mmskills/core/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type SkillHttpProcess, spawnSkillHttp } from '../src/testing/skill-process.js';

const bin = tsxArgs(new URL('./fixtures/weights-skill-bin.ts', import.meta.url));

interface Health {
  model: { loaded: boolean; loads: number; events: string[] };
}

const running: Array<{ server: SkillHttpProcess; client: Client }> = [];
afterEach(async () => {
  for (const { server, client } of running.splice(0)) {
    await client.close();
    await server.stop();
  }
});

async function start(extraEnv: Record<string, string>) {
  const env = { ...process.env, MMSKILLS_LOG_LEVEL: 'error', ...extraEnv };
  const server = await spawnSkillHttp([...bin, '--preload'], env);
  const client = new Client({ name: 'test', version: '0.0.0' });
  running.push({ server, client });
  const health = async () => (await (await fetch(server.url.replace(/\/mcp$/, '/health'))).json()) as Health;
  return { server, client, health };
}

describe('a skill bin with --preload', () => {
  it('serves while its model loads, and a first call waits on that same load', async () => {
    // A 10 s open: the skill is listening, and its handshake answered, long before it ends.
    const skill = await start({ WEIGHTS_LOAD_MS: '10000' });
    expect((await skill.health()).model).toMatchObject({ loaded: false, loads: 1 });
    await skill.client.connect(new StreamableHTTPClientTransport(new URL(skill.server.url)));
    const result = await skill.client.callTool({ name: 'sum_weights', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect((await skill.health()).model).toMatchObject({ loaded: true, loads: 1, events: ['load', 'call'] });
  }, 60_000);

  it('keeps serving when the preload fails, and the first call loads the model again', async () => {
    const skill = await start({ WEIGHTS_FAIL_FIRST: '1' });
    await skill.client.connect(new StreamableHTTPClientTransport(new URL(skill.server.url)));
    const result = await skill.client.callTool({ name: 'sum_weights', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect((await skill.health()).model).toMatchObject({ loaded: true, loads: 2 });
  }, 60_000);
});
