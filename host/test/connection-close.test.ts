import { mkdtempSync, readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SkillConnection } from '../src/pool/connection.js';
import { quietLog, skills } from './fixtures/hosts.js';

/** Processes whose working directory is `dir` (Linux's /proc). */
function processesIn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`) === dir;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe.skipIf(process.platform !== 'linux')('closing a skill while it starts', () => {
  it('leaves no process of it running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skill-cwd-'));
    const server = {
      ...(skills('image').image as { command: string; args: string[]; env: Record<string, string> }),
      cwd: dir,
    };
    const connection = new SkillConnection('image', server, {
      callTimeoutMs: 30_000,
      maxConcurrent: 1,
      log: quietLog,
    });
    const starting = connection.ping();
    // Closed once the process exists, before its MCP handshake is done.
    await expect.poll(() => processesIn(dir).length, { timeout: 10_000, interval: 20 }).toBeGreaterThan(0);
    await connection.close();
    await starting;
    await expect.poll(() => processesIn(dir), { timeout: 10_000, interval: 100 }).toEqual([]);
    expect(connection.state).toBe('closed');
  }, 30_000);
});
