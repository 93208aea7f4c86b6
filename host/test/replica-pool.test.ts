import { readFileSync } from 'node:fs';
import type { Logger } from '@mmskills/core';
import { photoPath, tsxArgs } from '@mmskills/core/testing';
import { type SkillHttpProcess, spawnSkillHttp } from '@mmskills/skill-kit/testing';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readPicture } from '../src/pool/picture-links.js';
import { SkillPool } from '../src/pool/pool.js';
import { quietLog, skills } from './fixtures/hosts.js';

const crashy = () => tsxArgs(new URL('./fixtures/crashy-skill.ts', import.meta.url));
const forwarding = () => tsxArgs(new URL('./fixtures/forwarding-skill.ts', import.meta.url));
const pidOf = (result: CallToolResult) => (result.structuredContent as { pid: number }).pid;
const link = (result: CallToolResult) =>
  (result.content.find((block) => block.type === 'resource_link') as { uri: string }).uri;

describe('a pool with replicated skills', () => {
  let pool: SkillPool | undefined;
  const served: SkillHttpProcess[] = [];
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });
  afterAll(async () => {
    await Promise.all(served.map((process) => process.stop()));
  });

  it('runs `replicas` processes of a stdio skill and spreads calls over them', async () => {
    pool = new SkillPool(
      { echo: { command: process.execPath, args: crashy(), env: {}, replicas: 3 } },
      { log: quietLog },
    );
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) => (pool as SkillPool).call('echo_text', { text: `${i}` })),
    );
    const health = (await pool.health()).echo;
    expect(health?.replicas.map((replica) => replica.state)).toEqual(['ready', 'ready', 'ready']);
    const pids = health?.replicas.map((replica) => replica.pid);
    expect(new Set(results.map(pidOf))).toEqual(new Set(pids));
    // One catalogue for the skill, not one per replica.
    expect((await pool.tools()).filter((tool) => tool.skill === 'echo')).toHaveLength(4);
  }, 60_000);

  it('sends a call that finds its URL gone to the other URL, and probes the gone one', async () => {
    served.push(...(await Promise.all([spawnSkillHttp(crashy()), spawnSkillHttp(crashy())])));
    const [first, second] = served.slice(-2) as [SkillHttpProcess, SkillHttpProcess];
    const redirected: Array<Record<string, unknown> | undefined> = [];
    const log: Logger = {
      ...quietLog,
      info: (message, fields) => message === 'call sent to another replica' && redirected.push(fields),
    };
    pool = new SkillPool(
      { echo: { urls: [first.url, second.url], headers: {} } },
      { log, restartInitialMs: 50, restartMaxMs: 200 },
    );
    await pool.tools();
    // Stopped while idle: the pool learns of it only from the next call sent there.
    await second.stop();
    const pids = [];
    for (let i = 0; i < 6; i += 1) {
      // The agent's calls and the gateway's (forwarded: node:http, not fetch) alike.
      const result =
        i % 2 === 0
          ? await pool.forward('echo__echo_text', { text: 'x' })
          : await pool.call('echo_text', { text: 'x' });
      expect(result.isError).toBeFalsy();
      pids.push(pidOf(result));
    }
    expect(new Set(pids)).toEqual(new Set([first.child.pid]));
    expect(redirected).toEqual([{ skill: 'echo', from: 'echo#2', to: 'echo#1' }]);
    const replicas = (await pool.health()).echo?.replicas;
    expect(replicas?.[0]).toMatchObject({ endpoint: first.url, state: 'ready' });
    expect(replicas?.[1]).toMatchObject({ endpoint: second.url, state: 'restarting' });
    expect(replicas?.[1]?.lastError).toMatch(/fetch failed|ECONNREFUSED/);
  }, 60_000);

  it('offers the first replica’s tools when replicas list different ones, and says so', async () => {
    served.push(...(await Promise.all([spawnSkillHttp(crashy()), spawnSkillHttp(forwarding())])));
    const [echo, other] = served.slice(-2) as [SkillHttpProcess, SkillHttpProcess];
    const warned: Array<Record<string, unknown> | undefined> = [];
    const log: Logger = { ...quietLog, warn: (_message, fields) => warned.push(fields) };
    pool = new SkillPool({ mixed: { urls: [echo.url, other.url], headers: {} } }, { log });
    const names = (await pool.tools()).map((tool) => tool.qualifiedName).sort();
    expect(names).toEqual([
      'mixed__crash_now',
      'mixed__echo_text',
      'mixed__echo_trace',
      'mixed__hang_forever',
    ]);
    expect(warned).toEqual([{ skill: 'mixed', replica: 'mixed#2', first: 'mixed#1' }]);
  }, 60_000);

  it('finds a picture on the replica that made it, and hands it to a call on any replica', async () => {
    const image = skills('image').image as { command: string; args: string[]; env: Record<string, string> };
    pool = new SkillPool({ image: { ...image, replicas: 2 } }, { log: quietLog });
    const picture = `data:image/png;base64,${readFileSync(photoPath('coffee')).toString('base64')}`;
    const cropped = await pool.call('image__crop', { image: picture, box: [0, 0, 0.5, 0.5] });
    expect(cropped.isError).toBeFalsy();
    const uri = link(cropped);
    const read = await readPicture(pool, uri);
    expect(read.contents[0]?.mimeType).toBe('image/png');
    const infos = await Promise.all(
      Array.from({ length: 6 }, () => (pool as SkillPool).call('image__image_info', { image: uri })),
    );
    expect(infos.filter((info) => info.isError)).toEqual([]);
    const answered = (await pool.health()).image?.replicas.map((replica) => replica.answered);
    expect(answered?.every((count) => count >= 2)).toBe(true);
  }, 60_000);
});
