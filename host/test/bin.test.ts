import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import { type ListeningProcess, spawnListening } from '@mmskills/skill-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('mmskills-host', () => {
  let host: ListeningProcess;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'host-bin-'));
    const script = join(dir, 'turns.json');
    writeFileSync(
      script,
      JSON.stringify({
        turns: [
          { thoughts: 'Echo.', actions: [{ API_name: 'echo_text', API_params: { text: 'hi' } }], value: '…' },
          { thoughts: '', actions: [], value: 'Said hi.' },
        ],
      }),
    );
    const config = join(dir, 'mmskills.json');
    writeFileSync(
      config,
      JSON.stringify({
        skills: {
          crashy: {
            command: process.execPath,
            args: tsxArgs(new URL('./fixtures/crashy-skill.ts', import.meta.url)),
          },
        },
      }),
    );
    host = await spawnListening(
      [
        ...tsxArgs(new URL('../src/bin.ts', import.meta.url)),
        '--port',
        '0',
        '--config',
        config,
        '--lmm',
        `scripted:${script}`,
      ],
      process.env,
    );
  }, 60_000);

  afterAll(async () => {
    await host?.stop();
  });

  it('serves the agent over its OpenAI-compatible API with skills from its config file', async () => {
    const response = await fetch(`${host.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'say hi' }] }),
    });
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    expect(body).toMatchObject({ choices: [{ message: { content: 'Said hi.' } }] });
    const health = (await (await fetch(`${host.url}/health`)).json()) as {
      skills: Record<string, { state: string }>;
    };
    expect(health.skills.crashy?.state).toBe('ready');
  });

  it('refuses a bad --lmm with a clear message and exit code 2', async () => {
    const bad = spawn(
      process.execPath,
      [...tsxArgs(new URL('../src/bin.ts', import.meta.url)), '--lmm', 'gpt5'],
      { env: process.env },
    );
    let stderr = '';
    bad.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = await once(bad, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('--lmm "gpt5": expected llama:<model.gguf>');
  });

  it.each(['abc', '0', '-5', '1.5', ''])(
    'refuses MMSKILLS_RATE_LIMIT=%j instead of switching the limit off',
    async (value) => {
      const bad = spawn(
        process.execPath,
        [...tsxArgs(new URL('../src/bin.ts', import.meta.url)), '--port', '0'],
        {
          env: { ...process.env, MMSKILLS_LMM: '', MMSKILLS_RATE_LIMIT: value },
        },
      );
      let stderr = '';
      bad.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      // A host that starts serving instead (the defect) is stopped, not left behind.
      const [code] = await once(bad, 'exit', { signal: AbortSignal.timeout(20_000) }).finally(() => {
        if (bad.exitCode === null) bad.kill();
      });
      expect(code).toBe(2);
      expect(stderr).toBe(
        `MMSKILLS_RATE_LIMIT must be a whole number of requests per minute above 0, not "${value}"\n`,
      );
    },
  );
});
