import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

function tsxLoader(require: NodeJS.Require): string | undefined {
  try {
    return pathToFileURL(require.resolve('tsx')).href;
  } catch {
    return undefined;
  }
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
    // Source runs need tsx, a development dependency: resolved here, not from the skill's working
    // directory; where it is missing (an installed host) the built bin runs, or says it is missing.
    const loader = (options.source ?? !existsSync(built)) ? tsxLoader(require) : undefined;
    const args = loader
      ? ['--conditions=@mmskills/source', '--import', loader, join(dir, 'src', 'bin.ts')]
      : [built];
    servers[name] = { command: process.execPath, args, env: options.env ?? skillSettings() };
  }
  return servers;
}
