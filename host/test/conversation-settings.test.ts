import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import { describe, expect, it } from 'vitest';
import { HOST_BIN } from './conversation-host.js';

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stderr: string }> {
  const child = spawn(process.execPath, [...tsxArgs(HOST_BIN), '--port', '0', ...args], {
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = await once(child, 'exit');
  return { code, stderr };
}

describe('conversation storage settings of the host bin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'conversation-settings-'));

  it.each([
    [['--retention-days', '0'], /\/conversations\/retention\/maxAgeDays: .*>0/],
    [['--retention-conversations', 'many'], /\/conversations\/retention\/maxConversations: .*number/],
    [['--retention-bytes', '1000'], /\/conversations\/retention\/maxBytes: must be at least 1 MiB/],
    [['--database-url', 'mysql://db/conversations'], /\/conversations\/databaseUrl: must be a postgres/],
  ])(
    'refuses %j with exit code 2, naming the setting',
    async (args, message) => {
      const { code, stderr } = await run(args);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
    },
    60_000,
  );

  it('refuses bounds from the config file that are not whole numbers', async () => {
    const config = join(dir, 'mmskills.json');
    writeFileSync(config, JSON.stringify({ skills: {}, conversations: { maxMessages: 1.5 } }));
    const { code, stderr } = await run(['--config', config]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/\/conversations\/maxMessages: .*expected int/);
  }, 60_000);

  it('stops with one line naming a database it cannot reach, its password hidden', async () => {
    const { code, stderr } = await run([], {
      MMSKILLS_DATABASE_URL: 'postgres://someone:secret@127.0.0.1:1/conversations',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('cannot open the conversation database at postgres://someone:***@127.0.0.1:1/');
    expect(stderr).not.toContain('secret');
  }, 60_000);

  it('stops with a clear line when its data directory cannot hold the conversation file', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const { code, stderr } = await run(['--data', join(file, 'host')]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `cannot open the conversation file ${join(file, 'host', 'conversations.sqlite')}`,
    );
  }, 60_000);
});
