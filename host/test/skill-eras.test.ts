import { randomBytes } from 'node:crypto';
import { tsxArgs } from '@mmskills/core/testing';
import { type SkillHttpProcess, spawnSkillHttp } from '@mmskills/skill-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SkillPool } from '../src/pool/pool.js';
import { RawString } from '../src/pool/raw-json.js';
import { quietLog } from './fixtures/hosts.js';

const fixture = (name: string) => tsxArgs(new URL(`./fixtures/${name}`, import.meta.url));
const ours = () => fixture('forwarding-skill.ts');
const v1 = () => fixture('v1-skill.ts');

// The host's client side: a skill on the v2 SDK is spoken to in 2026-07-28 (stateless), a skill
// still on the v1 SDK in 2025-11-25 (initialize, sessions), over stdio and HTTP alike, each found
// by the skill's answer to `server/discover`.
describe('the host calling skills of either protocol era', () => {
  let pool: SkillPool;
  let servedOurs: SkillHttpProcess;
  let servedV1: SkillHttpProcess;

  beforeAll(async () => {
    [servedOurs, servedV1] = await Promise.all([spawnSkillHttp(ours()), spawnSkillHttp(v1())]);
    pool = new SkillPool(
      {
        ours_piped: { command: process.execPath, args: ours(), env: {} },
        ours_served: { url: servedOurs.url, headers: {} },
        v1_piped: { command: process.execPath, args: v1(), env: {} },
        v1_served: { url: servedV1.url, headers: {} },
      },
      { log: quietLog },
    );
  }, 120_000);

  afterAll(async () => {
    await pool?.close();
    await Promise.all([servedOurs?.stop(), servedV1?.stop()]);
  });

  it('negotiates 2026-07-28 with a v2 skill and 2025-11-25 with a v1 one', async () => {
    const health = await pool.health();
    expect(health).toMatchObject({
      ours_piped: { state: 'ready', protocolVersion: '2026-07-28' },
      ours_served: { state: 'ready', protocolVersion: '2026-07-28' },
      v1_piped: { state: 'ready', protocolVersion: '2025-11-25' },
      v1_served: { state: 'ready', protocolVersion: '2025-11-25' },
    });
  }, 60_000);

  it.each(['ours_piped', 'ours_served', 'v1_piped', 'v1_served'])(
    'calls %s for the agent (checked) and for the gateway (its picture as the bytes it sent)',
    async (skill) => {
      const picture = randomBytes(30_000).toString('base64');
      const called = await pool.call(`${skill}__echo_picture`, { picture });
      expect(called.isError).toBeFalsy();
      expect(called.content.find((block) => block.type === 'image')).toMatchObject({ data: picture });

      const forwarded = await pool.forward(`${skill}__echo_picture`, { picture });
      const image = forwarded.content.find((block) => block.type === 'image') as { data: unknown };
      expect(image.data).toBeInstanceOf(RawString);
      expect((image.data as RawString).value()).toBe(picture);
    },
    60_000,
  );
});
