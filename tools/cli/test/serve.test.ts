import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('mmskills serve', () => {
  let serve: ChildProcess;
  let output = '';

  beforeAll(async () => {
    const data = mkdtempSync(join(tmpdir(), 'serve-'));
    serve = spawn(
      process.execPath,
      [
        ...tsxArgs(new URL('../src/bin.ts', import.meta.url)),
        'serve',
        '--port',
        '0',
        '--registry-port',
        '0',
        '--data',
        data,
      ],
      {
        env: { ...process.env, MMSKILLS_LOG_LEVEL: 'info', MMSKILLS_LMM: '' },
      },
    );
    serve.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    serve.stderr?.resume();
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (output.includes('Press Ctrl-C to stop.')) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
      serve.once('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
    });
  }, 120_000);

  afterAll(async () => {
    if (serve.exitCode === null) {
      serve.kill('SIGINT');
      await once(serve, 'exit');
    }
  });

  it('starts a registry populated with the built-in skills and a host that uses them', async () => {
    const registryUrl = /registry\s+(http:\/\/\S+)/.exec(output)?.[1];
    const hostUrl = /host\s+(http:\/\/\S+)/.exec(output)?.[1];
    const servers = (await (await fetch(`${registryUrl}/v0/servers?version=latest`)).json()) as {
      servers: Array<{ server: { name: string } }>;
    };
    expect(servers.servers.map((entry) => entry.server.name).sort()).toEqual(
      ['detect', 'face', 'image', 'ocr', 'pose', 'segment'].map((name) => `io.github.mmskills/${name}`),
    );
    const search = (await (await fetch(`${registryUrl}/v0/tools?q=read%20the%20text`)).json()) as {
      tools: Array<{ tool: { name: string } }>;
    };
    expect(search.tools[0]?.tool.name).toBe('read_text');
    const models = await fetch(`${hostUrl}/v1/models`);
    expect(models.status).toBe(200);
    const chat = await fetch(`${hostUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hello' }] }),
    });
    expect(chat.status).toBe(503);
    expect(((await chat.json()) as { error: string }).error).toMatch(
      /^No model is configured\. Start the host with --lmm/,
    );
  });

  it('stops every process it started on Ctrl-C', async () => {
    serve.kill('SIGINT');
    const [code] = await once(serve, 'exit');
    expect(code).toBe(0);
  });
});
