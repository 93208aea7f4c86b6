import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/bin.ts', ...args], { cwd: packageDir });

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bin-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mmskills-test-models', () => {
  it('prints one JSON line for what it wrote', async () => {
    const out = join(dir, 'tiny.gguf');
    const { stdout, stderr } = await run(['llama', out, '--type', 'f16']);
    const summary = JSON.parse(stdout);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stderr).toBe('');
    expect(summary.fileBytes).toBe((await stat(out)).size);
  });

  it('exits with 2 and a message on stderr for a bad command line', async () => {
    const failure = await run(['llama']).then(
      () => undefined,
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/^mmskills-test-models: expected one output path/);
    expect(failure?.stdout).toBe('');
  });
});
