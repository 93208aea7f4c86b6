import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BUILTIN_SKILLS } from '@mmskills/core';
import type { SkillServers } from './server-config.js';

// Secrets of the host (API keys, the registry's admin token) are never a skill's business.
const SECRET = /KEY|TOKEN|SECRET|PASSWORD/;

/**
 * The host's own `MMSKILLS_*` settings (file roots, URL policy, model files, log level) but its
 * secrets: a skill is started with a minimal environment, so the built-in skills get these passed
 * on, and a setting made for the host holds for the skills it runs.
 */
export function skillSettings(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] =>
        entry[0].startsWith('MMSKILLS_') && !SECRET.test(entry[0]) && entry[1] !== undefined,
    ),
  );
}

/**
 * Stdio commands for the installed built-in skill packages. `source` runs their TypeScript
 * through tsx (workspace development and tests); otherwise their built `dist/bin.js`. Their
 * environment is the host's `MMSKILLS_*` settings unless `env` says otherwise.
 */
export function builtinSkillServers(
  options: { source?: boolean; env?: Record<string, string> } = {},
): SkillServers {
  const require = createRequire(import.meta.url);
  const servers: SkillServers = {};
  for (const name of BUILTIN_SKILLS) {
    let dir: string;
    try {
      dir = dirname(require.resolve(`@mmskills/skill-${name}/server.json`));
    } catch {
      continue;
    }
    const built = join(dir, 'dist', 'bin.js');
    const useSource = options.source ?? !existsSync(built);
    const args = useSource
      ? ['--conditions=@mmskills/source', '--import', 'tsx', join(dir, 'src', 'bin.ts')]
      : [built];
    servers[name] = { command: process.execPath, args, env: options.env ?? skillSettings() };
  }
  return servers;
}
