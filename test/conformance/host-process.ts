import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import { type ListeningProcess, spawnListening } from '@mmskills/skill-kit/testing';

/** A running `mmskills-host` bin: its base URL, its process, and how to stop it. */
export type HostProcess = ListeningProcess;

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
export function spawnHost(
  config: Record<string, unknown>,
  flags: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Promise<HostProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'mmskills-host-'));
  const file = join(dir, 'mmskills.json');
  writeFileSync(file, JSON.stringify(config));
  return spawnListening([...tsxArgs(HOST_BIN), '--port', '0', '--config', file, ...flags], env);
}
