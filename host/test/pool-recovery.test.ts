import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tsxArgs } from '@mmskills/core/testing';
import { type ListeningProcess, spawnListening } from '@mmskills/skill-kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { SkillPool } from '../src/pool/pool.js';
import { quietLog, skills } from './fixtures/hosts.js';

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('a skill that is down when its tools are first listed', () => {
  let late: ListeningProcess | undefined;
  let pool: SkillPool | undefined;
  afterAll(async () => {
    await pool?.close();
    await late?.stop();
  });

  it('comes back into the tool list once it is up, without a restart of the host', async () => {
    const port = await freePort();
    pool = new SkillPool(
      { ...skills('image'), late: { url: `http://127.0.0.1:${port}/mcp`, headers: {} } },
      { log: quietLog, restartInitialMs: 100, restartMaxMs: 300 },
    );
    const changes: unknown[] = [];
    pool.onChange((change) => changes.push(change));
    const before = (await pool.tools()).map((tool) => tool.qualifiedName);
    expect(before).toContain('image__crop');
    expect(before.some((name) => name.startsWith('late__'))).toBe(false);

    // The same skill starts listening where the pool looks for it.
    const imageBin = new URL('../../skills/image/src/bin.ts', import.meta.url);
    late = await spawnListening([...tsxArgs(imageBin), '--http', String(port)]);
    await expect
      .poll(async () => (await (pool as SkillPool).tools()).map((tool) => tool.qualifiedName), {
        timeout: 20_000,
        interval: 200,
      })
      .toContain('late__crop');
    // Gateway sessions hear of it as of any change of the tool list (tools/list_changed).
    expect(changes).toEqual([{ added: [], removed: [], changed: [], recovered: ['late'] }]);
    const result = await pool.call('late__image_info', { image: 'nothing' });
    expect(result.isError).toBe(true);
  }, 60_000);
});

describe('a skill slow to start', () => {
  let pool: SkillPool | undefined;
  afterAll(async () => {
    await pool?.close();
  });

  // The host once gave a starting skill 10 s to answer its first message (the version probe):
  // on a loaded machine every skill was dropped from the tool list. The SDK's request limit, 60 s, holds now.
  it('joins the tool list though its first answer takes longer than 10 s', async () => {
    const crashy = skills('crashy').crashy as { command: string; args: string[] };
    pool = new SkillPool({ slow: { ...crashy, env: { CRASHY_START_DELAY_MS: '11000' } } }, { log: quietLog });
    const names = (await pool.tools()).map((tool) => tool.qualifiedName);
    expect(names).toContain('slow__echo_text');
  }, 40_000);
});
