import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostProcess, sourceSkill, spawnHost } from '../conformance/host-process.js';
import { chatOnce } from './chat.js';

describe('skills that hang past the call timeout or crash at start, under the host bin', () => {
  let host: HostProcess;
  beforeAll(async () => {
    const script = join(mkdtempSync(join(tmpdir(), 'skill-faults-')), 'turns.json');
    writeFileSync(
      script,
      JSON.stringify({
        turns: [
          { thoughts: 'Wait.', actions: [{ API_name: 'hang_forever', API_params: {} }], value: '…' },
          {
            thoughts: 'Echo.',
            actions: [{ API_name: 'echo_text', API_params: { text: 'after the hang' } }],
            value: '…',
          },
          { thoughts: 'Done.', actions: [], value: 'One call timed out; the next one worked.' },
        ],
      }),
    );
    host = await spawnHost(
      {
        skills: {
          slow: {
            command: process.execPath,
            args: tsxArgs(new URL('../../host/test/fixtures/crashy-skill.ts', import.meta.url)),
          },
          broken: {
            command: process.execPath,
            args: ['-e', 'process.stderr.write("no weights\\n"); process.exit(3)'],
          },
          image: sourceSkill('image'),
        },
        pool: { callTimeoutMs: 1500 },
      },
      ['--lmm', `scripted:${script}`],
    );
  }, 120_000);
  afterAll(() => host?.stop());

  it('reports the skill that cannot start and serves the others', async () => {
    const health = (await (await fetch(`${host.url}/health`)).json()) as {
      skills: Record<string, { state: string; tools: number; lastError?: string }>;
    };
    expect(health.skills.broken?.state).not.toBe('ready');
    expect(health.skills.broken?.lastError).toBeTruthy();
    expect(health.skills.slow).toMatchObject({ state: 'ready', tools: 4 });
    expect(health.skills.image).toMatchObject({ state: 'ready', tools: 7 });

    const client = new Client({ name: 'faults', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${host.url}/mcp`)));
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['slow__echo_text', 'image__image_info']));
    expect(names.some((name) => name.startsWith('broken__'))).toBe(false);
    await client.close();
  }, 60_000);

  it('turns a call that hangs past the timeout into an error observation, and the next call works', async () => {
    const { events } = await chatOnce(host.url, { text: 'wait for it' });
    const observations = events.filter((event) => event.type === 'observation');
    expect(
      observations.map((event) => [event.API_name, event.isError]),
      JSON.stringify(observations),
    ).toEqual([
      ['hang_forever', true],
      ['echo_text', false],
    ]);
    expect(JSON.stringify(observations[0]?.output)).toMatch(/timed out after 1500 ms/);
    expect(observations[1]?.output, JSON.stringify(observations[1]?.output)).toMatchObject({
      text: 'after the hang',
    });
    expect(events.find((event) => event.type === 'answer')?.text).toBe(
      'One call timed out; the next one worked.',
    );
  }, 60_000);
});
