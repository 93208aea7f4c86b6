import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';

/** A running `mmskills-host` bin: its base URL, its process, and how to stop it. */
export interface HostProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

export const HOST_BIN = new URL('../../host/src/bin.ts', import.meta.url);

/** Stdio command for a built-in skill run from source, as a host config entry. */
export function sourceSkill(name: string, env: Record<string, string> = {}) {
  return {
    command: process.execPath,
    args: tsxArgs(new URL(`../../skills/${name}/src/bin.ts`, import.meta.url)),
    env,
  };
}

/**
 * Spawns the host bin on a free port with `config` written to a temporary mmskills.json and
 * resolves once it logs its URL; rejects with its stderr if it exits first.
 */
export async function spawnHost(
  config: Record<string, unknown>,
  flags: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Promise<HostProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'mmskills-host-'));
  const file = join(dir, 'mmskills.json');
  writeFileSync(file, JSON.stringify(config));
  const child = spawn(process.execPath, [...tsxArgs(HOST_BIN), '--port', '0', '--config', file, ...flags], {
    env: { ...env, MMSKILLS_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let seen = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    seen += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = /"message":"listening","url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(seen);
      if (match?.[1]) resolve(match[1]);
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`host exited ${code}: ${seen}`)));
  });
  return {
    url,
    child,
    stderr: () => seen,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
