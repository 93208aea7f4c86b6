import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { tsxArgs } from '@mmskills/core/testing';
import { describe, expect, it } from 'vitest';

describe('mmskills writing into a pipe that closes early (mmskills … | head)', () => {
  it('ends quietly with its own exit code instead of an EPIPE stack trace', async () => {
    const child = spawn(process.execPath, [...tsxArgs(new URL('../src/bin.ts', import.meta.url)), '--help'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader goes away before the command writes its first line.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = await once(child, 'exit');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 30_000);
});
