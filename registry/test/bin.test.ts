import { type ChildProcess, execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ocrTools, serverJson } from './fixtures.js';
import { registryBin as bin, registryEnv, startRegistry } from './registry-process.js';

const env = registryEnv('admin-for-bin-test');
const start = (data: string) => startRegistry(data, env);

describe('mmskills-registry', () => {
  const running: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of running.splice(0)) {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  });

  it('keeps published skills in its SQLite file across restarts', async () => {
    const data = mkdtempSync(join(tmpdir(), 'registry-bin-'));
    const first = await start(data);
    running.push(first.child);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...bin, 'token', 'create', '--namespace', 'io.github.alice', '--data', data],
      { env },
    );
    const token = stdout.trim();
    expect(token).toMatch(/^mmsk_/);
    const published = await fetch(`${first.url}/v0/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ server: serverJson('io.github.alice/ocr', '1.0.0'), tools: ocrTools }),
    });
    expect(published.status).toBe(201);
    first.child.kill('SIGTERM');
    await once(first.child, 'exit');

    // Reopened with the other engine: the FTS index is built from what the first one stored.
    const second = await startRegistry(data, { ...env, MMSKILLS_REGISTRY_TOOL_SEARCH: 'fts' });
    running.push(second.child);
    const tools = await fetch(`${second.url}/v0/tools?q=read+text`);
    expect(((await tools.json()) as { tools: Array<{ tool: { name: string } }> }).tools[0]?.tool.name).toBe(
      'read_text',
    );
  });

  it('refuses an unknown tool-search engine, with exit code 2 and nothing written', async () => {
    const data = mkdtempSync(join(tmpdir(), 'registry-bin-'));
    const run = promisify(execFile)(
      process.execPath,
      [...bin, '--port', '0', '--data', data, '--tool-search', 'bm25'],
      { env },
    );
    await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('memory or fts') });
    expect(readdirSync(data)).toEqual([]);
  });

  it('refuses a token command without a namespace, with exit code 2', async () => {
    const data = mkdtempSync(join(tmpdir(), 'registry-bin-'));
    const run = promisify(execFile)(process.execPath, [...bin, 'token', 'create', '--data', data], { env });
    await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--namespace') });
  });
});
