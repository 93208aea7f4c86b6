import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { photoPath, tsxArgs } from '@mmskills/core/testing';
import { type ListeningProcess, spawnListening, spawnSkillHttp } from '@mmskills/skill-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skills } from './fixtures/hosts.js';

interface Replica {
  endpoint: string;
  pid?: number;
  state: string;
  inFlight: number;
  answered: number;
}

interface Result {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
}

const BURST = 96;
// Calls a replica takes at once (the pool's maxConcurrent): only those can be in flight when it
// dies. Fewer than the default 4, so that a burst leaves calls waiting on each replica.
const MAX_CONCURRENT = 2;
const LOST =
  /^skill image#\d stopped during the call to resize \(.+\); the call may have run, so it was not sent again/;
const imageBin = tsxArgs(new URL('../../skills/image/src/bin.ts', import.meta.url));
// By path, so that the host passes on a short argument and the work is the skills': a burst then
// waits on the replicas, not on the host reading pictures.
const picture = photoPath('coffee');
const env = { ...process.env, MMSKILLS_FILE_ROOTS: dirname(picture) };

/**
 * A skill served by two replicas, one killed with SIGKILL in the middle of a burst of calls:
 * over stdio (two processes the host runs and restarts) and over HTTP (two URLs, the dead one
 * probed until it listens again).
 */
describe.each(['stdio', 'http'] as const)('a skill of two replicas over %s', (kind) => {
  let host: ListeningProcess;
  const served: ListeningProcess[] = [];

  const health = async (): Promise<Replica[]> => {
    const body = (await (await fetch(`${host.url}/health`)).json()) as {
      skills: { image: { replicas: Replica[] } };
    };
    return body.skills.image.replicas;
  };
  const call = async (): Promise<Result> => {
    const response = await fetch(`${host.url}/v1/tools/image__resize/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ arguments: { image: picture, width: 48 } }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Result;
  };
  const failures = (results: Result[]) => results.filter((result) => result.isError);

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'replicas-'));
    let image: Record<string, unknown>;
    if (kind === 'stdio') {
      const piped = skills('image').image as { env: Record<string, string> };
      image = { ...piped, env: { ...piped.env, MMSKILLS_FILE_ROOTS: env.MMSKILLS_FILE_ROOTS }, replicas: 2 };
    } else {
      served.push(...(await Promise.all([spawnSkillHttp(imageBin, env), spawnSkillHttp(imageBin, env)])));
      image = { urls: served.map((process) => process.url) };
    }
    const config = join(dir, 'mmskills.json');
    // A dead URL is probed again within a second at most, so that the test sees it come back soon.
    const pool = { maxConcurrent: MAX_CONCURRENT, restartMaxMs: 1_000 };
    writeFileSync(config, JSON.stringify({ skills: { image }, pool }));
    host = await spawnListening([
      ...tsxArgs(new URL('../src/bin.ts', import.meta.url)),
      '--port',
      '0',
      '--config',
      config,
    ]);
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
    await Promise.all(served.map((process) => process.stop()));
  });

  it('spreads calls over both replicas', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, call));
    expect(failures(results)).toEqual([]);
    const replicas = await health();
    expect(replicas.map((replica) => replica.state)).toEqual(['ready', 'ready']);
    expect(replicas.every((replica) => replica.answered >= 2)).toBe(true);
  }, 120_000);

  it('loses only the calls in flight on a replica killed during a burst, each with a clear error', async () => {
    const before = await health();
    const victim = 1;
    const results: Array<Promise<Result>> = Array.from({ length: BURST }, call);
    // Killed while it holds more calls than it runs at once: some are in flight, some wait their turn.
    await expect
      .poll(async () => (await health())[victim]?.inFlight, { timeout: 30_000, interval: 5 })
      .toBeGreaterThan(MAX_CONCURRENT);
    if (kind === 'stdio') process.kill(before[victim]?.pid as number, 'SIGKILL');
    else served[victim]?.child.kill('SIGKILL');
    const settled = await Promise.all(results);

    const failed = failures(settled);
    expect(failed.length).toBeLessThanOrEqual(MAX_CONCURRENT);
    for (const result of failed) expect(result.content[0]?.text).toMatch(LOST);
    // Calls after the death are all served, by the replica left.
    expect(failures(await Promise.all(Array.from({ length: 12 }, call)))).toEqual([]);
  }, 120_000);

  it('sends calls to the replica again once it is back', async () => {
    if (kind === 'http') {
      const port = new URL(served[1]?.url as string).port;
      served[1] = await spawnListening([...imageBin, '--http', port], env);
    }
    await expect
      .poll(async () => (await health()).map((replica) => replica.state), { timeout: 60_000, interval: 200 })
      .toEqual(['ready', 'ready']);
    const back = (await health())[1]?.answered ?? 0;
    expect(failures(await Promise.all(Array.from({ length: 12 }, call)))).toEqual([]);
    expect((await health())[1]?.answered).toBeGreaterThan(back);
  }, 120_000);
});
