import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_SKILLS } from '@mmskills/core';
import { tsxArgs } from '@mmskills/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

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
      [...BUILTIN_SKILLS].sort().map((name) => `io.github.mmskills/${name}`),
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
    expect(((await chat.json()) as { error: { message: string } }).error.message).toMatch(
      /^No model is configured\. Start the host with --lmm/,
    );
  });

  it('stops every process it started on Ctrl-C', async () => {
    serve.kill('SIGINT');
    const [code] = await once(serve, 'exit');
    expect(code).toBe(0);
  });
});

describe('mmskills serve on a port in use', () => {
  const cli = tsxArgs(new URL('../src/bin.ts', import.meta.url));
  const hostBin = tsxArgs(new URL('../../../host/src/bin.ts', import.meta.url));
  let busy: Server;
  let port: number;

  beforeAll(async () => {
    busy = createServer().listen(0, '127.0.0.1');
    await once(busy, 'listening');
    port = (busy.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  it.each([
    ['--port', ['--registry-port', '0']],
    ['--registry-port', ['--port', '0']],
  ])('names the busy port and %s in one line, and starts nothing', async (option, other) => {
    const data = mkdtempSync(join(tmpdir(), 'serve-busy-'));
    const ran = await runCli(
      cli,
      ['serve', option, String(port), ...other, '--data', data],
      data,
      process.env,
    );
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim().split('\n')).toEqual([
      `mmskills serve: port ${port} is in use on 127.0.0.1 (is another mmskills running?): stop it, or choose another port with ${option} <port>`,
    ]);
  });

  it('the host bin says the same, with no stack trace', async () => {
    const data = mkdtempSync(join(tmpdir(), 'host-busy-'));
    const ran = await runCli(hostBin, ['--port', String(port)], data, { ...process.env, MMSKILLS_LMM: '' });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(`mmskills-host: port ${port} is in use on 127.0.0.1`);
    expect(ran.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
