import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BUILTIN_SKILLS } from '@mmskills/core';
import type { SkillServers } from './server-config.js';

/**
 * Stdio commands for the installed built-in skill packages. `source` runs their TypeScript
 * through tsx (workspace development and tests); otherwise their built `dist/bin.js`.
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
    servers[name] = { command: process.execPath, args, env: options.env ?? {} };
  }
  return servers;
}
