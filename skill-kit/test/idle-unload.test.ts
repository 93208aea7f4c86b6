import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { tsxArgs } from '@mmskills/core/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type SkillHttpProcess, spawnSkillHttp } from '../src/testing/skill-process.js';

const bin = tsxArgs(new URL('./fixtures/weights-skill-bin.ts', import.meta.url));
const env = { ...process.env, MMSKILLS_LOG_LEVEL: 'warn' };

interface Health {
  model: { loaded: boolean; loads: number; unloading: boolean; events: string[] };
  idleUnload: { afterS: number | null; unloads: number };
}

const running: Array<{ server: SkillHttpProcess; client: Client }> = [];
afterEach(async () => {
  for (const { server, client } of running.splice(0)) {
    await client.close();
    await server.stop();
  }
});

async function start(args: string[], extraEnv: Record<string, string> = {}) {
  const server = await spawnSkillHttp([...bin, ...args], { ...env, ...extraEnv });
  const client = new Client({ name: 'test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
  running.push({ server, client });
  const health = async () => (await (await fetch(server.url.replace(/\/mcp$/, '/health'))).json()) as Health;
  const sum = async () =>
    (await client.callTool({ name: 'sum_weights', arguments: {} })).structuredContent as {
      sum: number;
      rss_mib: number;
    };
  const rssMiB = () =>
    Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1]) / 1024;
  return { health, sum, rssMiB };
}

describe('a skill bin with --idle-unload', () => {
  it('unloads its model after the idle time, gives the memory back, and loads it again for the next call', async () => {
    const skill = await start(['--idle-unload', '0.5']);
    const first = await skill.sum();
    await vi.waitFor(async () => expect((await skill.health()).idleUnload.unloads).toBe(1), {
      timeout: 30_000,
      interval: 100,
    });
    const unloaded = await skill.health();
    expect(unloaded.model).toMatchObject({ loaded: false, loads: 1 });
    expect(unloaded.idleUnload.afterS).toBe(0.5);
    // The 96 MiB of weights, measured by the call itself while loaded, are gone from the process.
    // V8 frees array buffers on a background thread after the GC, so the drop may come a little
    // after the unload is counted (CI read 184 MiB against 170 once, right at the count).
    await vi.waitFor(() => expect(skill.rssMiB()).toBeLessThan(first.rss_mib - 64), {
      timeout: 10_000,
      interval: 100,
    });

    const second = await skill.sum();
    expect(second.sum).toBe(first.sum);
    expect((await skill.health()).model.loads).toBe(2);
  }, 60_000);

  it('makes a call that arrives during the unload wait for it, then load', async () => {
    const skill = await start(['--idle-unload', '0.2'], { WEIGHTS_UNLOAD_MS: '1500' });
    const first = await skill.sum();
    await vi.waitFor(async () => expect((await skill.health()).model.unloading).toBe(true), {
      timeout: 30_000,
      interval: 50,
    });
    expect((await skill.sum()).sum).toBe(first.sum);
    expect((await skill.health()).model.events).toEqual([
      'load',
      'call',
      'unload start',
      'unload end',
      'load',
      'call',
    ]);
  }, 60_000);

  it('keeps the model with 0, as MMSKILLS_IDLE_UNLOAD says, and /health says so', async () => {
    const skill = await start([], { MMSKILLS_IDLE_UNLOAD: '0' });
    await skill.sum();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await skill.health()).toMatchObject({
      model: { loaded: true, loads: 1 },
      idleUnload: { afterS: null, unloads: 0 },
    });
  });

  it('refuses a value that is not a number of seconds', async () => {
    const failed = await promisify(execFile)(process.execPath, [...bin, '--idle-unload', '5m'], {
      env,
    }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in failed && failed.code).toBe(1);
    expect('stderr' in failed && failed.stderr).toContain(
      '--idle-unload must be a number of seconds (0 keeps the models loaded), not "5m"',
    );
  });
});
