import { tsxArgs } from '@mmskills/core/testing';
import { type SkillHttpProcess, spawnSkillHttp } from '@mmskills/skill-kit/testing';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostConfigSchema } from '../src/config/schema.js';
import { createHost, type Host } from '../src/host.js';
import { createHostApp } from '../src/http/app.js';
import { quietLog } from './fixtures/hosts.js';
import { type GatewayClient, gatewayClient } from './fixtures/in-process.js';

const forwardingSkill = tsxArgs(new URL('./fixtures/forwarding-skill.ts', import.meta.url));
const TIMEOUT_MS = 1_500;
const text = (result: CallToolResult) => (result.content[0] as { text?: string } | undefined)?.text ?? '';

// A call the gateway passes on keeps what the SDK's client gave it: a timeout (after which a
// skill the host runs is restarted), an error when the skill dies during the call, and a skill
// that is back answers the next call; for a 2025 client and a 2026 one alike (the gateway answers
// both eras' calls itself, before the SDK's server).
describe('the gateway when a skill fails during a call', () => {
  let served: SkillHttpProcess;
  let host: Host;
  let close: () => Promise<void>;
  const clients = new Map<string, GatewayClient>();
  const pid = async (skill: string) => (await host.pool.health())[skill]?.replicas?.[0]?.pid;
  let era: '2025-11-25' | '2026-07-28' = '2025-11-25';
  const call = (name: string) => (clients.get(era) as GatewayClient).callTool({ name, arguments: {} });
  const ERAS = ['2025-11-25', '2026-07-28'] as const;

  beforeAll(async () => {
    served = await spawnSkillHttp(forwardingSkill);
    const skills = {
      piped: { command: process.execPath, args: forwardingSkill, env: {} },
      served: { url: served.url },
    };
    const pool = { callTimeoutMs: TIMEOUT_MS, restartInitialMs: 50, restartMaxMs: 200 };
    host = await createHost(HostConfigSchema.parse({ skills, pool }), { log: quietLog });
    const created = createHostApp(host, { hostname: '127.0.0.1', log: quietLog });
    close = created.close;
    for (const each of ERAS) clients.set(each, await gatewayClient(created.app, each));
  }, 120_000);

  afterAll(async () => {
    for (const client of clients.values()) await client.close();
    await close?.();
    await host?.close();
    await served?.stop();
  });

  it.each(ERAS)(
    'times a call out, restarts the skill process it hung, and answers the next call (%s)',
    async (each) => {
      era = each;
      const before = await pid('piped');
      expect(before).toBeGreaterThan(0);
      const hung = await call('piped__wait_for_cancel');
      expect(hung.isError).toBe(true);
      expect(text(hung)).toBe(`wait_for_cancel on skill piped timed out after ${TIMEOUT_MS} ms`);
      const next = await call('piped__counts');
      expect(next.isError).toBeFalsy();
      expect(await pid('piped')).not.toBe(before);
    },
    60_000,
  );

  it.each(ERAS)(
    'tells a skill reached by URL that a call timed out, as the SDK’s client did (%s)',
    async (each) => {
      era = each;
      const before = (await call('served__counts')).structuredContent as { cancellations: number };
      const hung = await call('served__wait_for_cancel');
      expect(text(hung)).toBe(`wait_for_cancel on skill served timed out after ${TIMEOUT_MS} ms`);
      await expect
        .poll(async () => (await call('served__counts')).structuredContent, { timeout: 10_000 })
        .toMatchObject({ cancellations: before.cancellations + 1 });
    },
    60_000,
  );

  it.each(ERAS)(
    'fails a call whose skill process dies during it, and the restarted skill answers the next (%s)',
    async (each) => {
      era = each;
      const victim = (await pid('piped')) as number;
      const waiting = call('piped__wait_for_cancel');
      await new Promise((resolve) => setTimeout(resolve, 300));
      process.kill(victim, 'SIGKILL');
      const lost = await waiting;
      expect(lost.isError).toBe(true);
      expect(text(lost)).toMatch(
        /^skill piped stopped during the call to wait_for_cancel \(.+\); the call may have run, so it was not sent again; it is being restarted, try again$/,
      );
      await expect.poll(async () => (await call('piped__counts')).isError, { timeout: 30_000 }).toBeFalsy();
    },
    60_000,
  );
});
