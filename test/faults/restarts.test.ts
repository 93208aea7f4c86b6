import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_SKILLS } from '@mmskills/core';
import { photoPath } from '@mmskills/core/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostProcess, sourceSkill, spawnHost } from '../conformance/host-process.js';
import { chatOnce } from './chat.js';
import { spawnRegistry } from './registry-process.js';

const photo = `data:image/png;base64,${readFileSync(photoPath('chelsea')).toString('base64')}`;

async function gatewayTools(url: string): Promise<string[]> {
  const client = new Client({ name: 'faults', version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
  const names = (await client.listTools()).tools.map((tool) => tool.name);
  await client.close();
  return names;
}

describe('the registry going down and the host restarting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'restarts-'));
  let registry: Awaited<ReturnType<typeof spawnRegistry>>;
  let host: HostProcess;
  const config = {
    skills: { image: sourceSkill('image') },
    // Fewer tools allowed in the prompt than the skill has, so every question asks the registry.
    agent: { tools: { maxAll: 1, topK: 2 } },
  };
  const flags = () => {
    const script = join(dir, 'turns.json');
    writeFileSync(
      script,
      JSON.stringify({
        turns: [
          {
            thoughts: 'Measure.',
            actions: [{ API_name: 'image_info', API_params: { image: 'image_1' } }],
            value: '…',
          },
          { thoughts: 'Done.', actions: [], value: 'Measured.' },
        ],
      }),
    );
    return ['--lmm', `scripted:${script}`, '--registry', registry.url];
  };

  beforeAll(async () => {
    registry = await spawnRegistry(join(dir, 'registry'));
    host = await spawnHost(config, flags());
  }, 120_000);
  afterAll(async () => {
    await host?.stop();
    await registry?.stop();
  });

  it('keeps answering with its cached tool lists after the registry is killed', async () => {
    const before = await chatOnce(host.url, { text: 'How big is this image?', images: [photo] });
    expect(before.events.find((event) => event.type === 'observation')).toMatchObject({
      API_name: 'image_info',
      isError: false,
    });

    const exited = once(registry.child, 'exit');
    registry.child.kill('SIGKILL');
    await exited;
    const after = await chatOnce(host.url, { text: 'How big is this image?', images: [photo] });
    expect(after.events.find((event) => event.type === 'observation')).toMatchObject({
      API_name: 'image_info',
      isError: false,
    });
    expect(after.events.find((event) => event.type === 'answer')?.text).toBe('Measured.');
    expect(await gatewayTools(host.url)).toHaveLength(7);
  }, 120_000);

  it('keeps published skills across a registry restart, and conversations across a host restart', async () => {
    registry = await spawnRegistry(join(dir, 'registry'));
    const servers = (await (await fetch(`${registry.url}/v0/servers?limit=100`)).json()) as {
      servers: unknown[];
    };
    // It publishes the built-in skills at its first start.
    expect(servers.servers.length).toBeGreaterThanOrEqual(BUILTIN_SKILLS.length);

    const { id } = await chatOnce(host.url, { text: 'remember me', images: [photo] });
    expect((await fetch(`${host.url}/v1/conversations/${id}`)).status).toBe(200);
    await host.stop();
    host = await spawnHost(config, flags());
    // Kept in the host's SQLite file (.mmskills/host under the working directory, issue 22).
    const kept = await fetch(`${host.url}/v1/conversations/${id}`);
    expect(kept.status).toBe(200);
    expect(JSON.stringify(await kept.json())).toContain('remember me');
    expect(await gatewayTools(host.url)).toHaveLength(7);
  }, 120_000);
});
