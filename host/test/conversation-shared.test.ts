import { once } from 'node:events';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { tsxArgs } from '@mmskills/core/testing';
import type { ListeningProcess } from '@mmskills/skill-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerOf, freshSchema, newConversation, send, startHost } from './conversation-host.js';

// .ci/run starts Debian's PostgreSQL and sets this; locally run `bash .ci/postgres.sh` to get one.
const url = process.env.MMSKILLS_TEST_DATABASE_URL;

const crashy = {
  command: process.execPath,
  args: tsxArgs(new URL('./fixtures/crashy-skill.ts', import.meta.url)),
};
const hang = { thoughts: 'Wait.', actions: [{ API_name: 'hang_forever', API_params: {} }], value: '…' };
const answer = (value: string) => ({ thoughts: '', actions: [], value });
// Replayed by the number of assistant turns already in the conversation, so each answer says
// that the host running the turn read every earlier turn, whichever host ran it.
const turns = [
  { thoughts: 'Echo.', actions: [{ API_name: 'echo_text', API_params: { text: 'one' } }], value: '…' },
  answer('First.'),
  answer('Second.'),
  hang,
  answer('Third, after the wait.'),
  answer('Fourth.'),
];
const config = {
  skills: { crashy },
  pool: { callTimeoutMs: 6000 },
  conversations: { turnLeaseSeconds: 3 },
};

describe.skipIf(!url)('two hosts on one PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'conversation-shared-'));
  let a: ListeningProcess;
  let b: ListeningProcess;
  const start = async (name: string, databaseUrl: string) => {
    mkdirSync(join(dir, name));
    return startHost(join(dir, name), turns, config, ['--database-url', databaseUrl]);
  };

  beforeAll(async () => {
    const databaseUrl = await freshSchema(url as string, `shared_hosts_${process.pid}`);
    [a, b] = await Promise.all([start('a', databaseUrl), start('b', databaseUrl)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('serve alternate turns of one conversation, and refuse a turn while the other host runs one', async () => {
    const id = await newConversation(a.url);
    expect(answerOf((await send(a.url, id, { text: 'Echo one.' })).events)).toBe('First.');
    expect(answerOf((await send(b.url, id, { text: 'And now?' })).events)).toBe('Second.');

    const running = await fetch(`${a.url}/v1/conversations/${id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Wait for it.' }),
    });
    expect(running.status).toBe(200);
    const refused = await send(b.url, id, { text: 'Me too.' });
    expect(refused.status).toBe(409);
    expect(refused.error).toMatch(/is answering another message/);
    expect(await running.text()).toContain('Third, after the wait.');

    expect(answerOf((await send(b.url, id, { text: 'Done?' })).events)).toBe('Fourth.');
    const history = (await (await fetch(`${a.url}/v1/conversations/${id}`)).json()) as {
      messages: Array<{ role: string; content: string }>;
    };
    expect(history.messages.filter((message) => message.role === 'assistant')).toHaveLength(6);
  }, 120_000);

  it('lets the other host continue a conversation once a host killed mid-turn has lost its hold', async () => {
    const id = await newConversation(b.url);
    for (const text of ['one', 'two']) await send(a.url, id, { text });
    const running = await fetch(`${a.url}/v1/conversations/${id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Wait for it.' }),
    });
    expect(running.status).toBe(200);
    const exited = once(a.child, 'exit');
    a.child.kill('SIGKILL');
    await exited;
    expect((await send(b.url, id, { text: 'Still there?' })).status).toBe(409);
    let next = await send(b.url, id, { text: 'Still there?' });
    for (let tries = 0; next.status === 409 && tries < 40; tries += 1) {
      await sleep(500);
      next = await send(b.url, id, { text: 'Still there?' });
    }
    // The killed turn was never written: the conversation goes on from the last finished one,
    // whose next scripted turn is the wait again.
    expect(answerOf(next.events)).toBe('Third, after the wait.');
  }, 120_000);
});
