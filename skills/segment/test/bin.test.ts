import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { validateSkillManifest } from '@mmskills/core';
import { photoPath, tsxArgs } from '@mmskills/core/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = tsxArgs(new URL('../src/bin.ts', import.meta.url));
const env = { ...process.env, MMSKILLS_LOG_LEVEL: 'warn' } as Record<string, string>;
const astronaut = `data:image/png;base64,${readFileSync(photoPath('astronaut')).toString('base64')}`;

describe('mmskills-segment over stdio', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ name: 'test', version: '0.0.0' });
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: bin, env, stderr: 'ignore' }),
    );
  });
  afterAll(async () => {
    await client.close();
  });

  it('handshakes, lists segment_people and segments the astronaut', async () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'segment', version: '0.1.0' });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['segment_people']);
    const result = await client.callTool({ name: 'segment_people', arguments: { image: astronaut } });
    const { coverage } = result.structuredContent as { coverage: number };
    expect(coverage).toBeGreaterThan(0.2);
    expect(coverage).toBeLessThan(0.8);
    expect((result.content as Array<{ type: string }>).map((block) => block.type)).toEqual([
      'text',
      'image',
      'image',
    ]);
  }, 120_000);
});

describe('mmskills-segment --http', () => {
  let child: ChildProcess;
  let url: string;
  beforeAll(async () => {
    child = spawn(process.execPath, [...bin, '--http', '0'], { env: { ...env, MMSKILLS_LOG_LEVEL: 'info' } });
    url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /"url":"(http:\/\/127\.0\.0\.1:\d+\/mcp)"/.exec(seen);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`bin exited ${code}: ${seen}`)));
    });
  });
  afterAll(async () => {
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  it('answers /health with the RVM model, not loaded before the first call', async () => {
    const response = await fetch(url.replace(/\/mcp$/, '/health'));
    expect(response.status).toBe(200);
    const health = (await response.json()) as { model: { path: string } };
    expect(health).toMatchObject({
      status: 'ok',
      name: 'segment',
      tools: ['segment_people'],
      model: { name: 'rvm', source: 'package', backend: 'tfjs-wasm', loaded: false },
    });
    expect(health.model.path).toMatch(/@vladmandic[/\\]human-models[/\\]models[/\\]rvm\.json$/);
  });
});

describe('mmskills-segment --manifest', () => {
  it('prints a valid server.json and tool list', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [...bin, '--manifest'], { env });
    const manifest = JSON.parse(stdout);
    const checked = validateSkillManifest(manifest);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    expect(manifest.server).toMatchObject({
      name: 'io.github.mmskills/segment',
      packages: [
        { registryType: 'npm', identifier: '@mmskills/skill-segment', transport: { type: 'stdio' } },
      ],
    });
    expect(manifest.tools.map((tool: { name: string }) => tool.name)).toEqual(['segment_people']);
  });
});
