import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { BUILTIN_SKILLS, packageEntryArgs } from '@mmskills/core';
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

// A skill process's memory (issue 21, bench/README.md "Serve: memory"): V8 set to favour size
// (a smaller young generation, slower heap growth) and glibc malloc in two arenas instead of 8
// per core, which kept what libvips and onnxruntime threads freed. 25-60 MiB less a skill after
// 10 calls; the same CPU time per OCR call.
const SKILL_NODE_FLAGS = ['--optimize-for-size'];
const SKILL_MALLOC = { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };

/**
 * Stdio commands for the installed built-in skill packages (core's packageEntryArgs: `source`
 * runs their TypeScript through tsx, for workspace development and tests; else `dist/bin.js`). Their
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
    servers[name] = {
      command: process.execPath,
      args: [
        ...SKILL_NODE_FLAGS,
        ...packageEntryArgs(dir, options.source === undefined ? {} : { source: options.source }),
      ],
      env: { ...SKILL_MALLOC, ...(options.env ?? skillSettings()) },
    };
  }
  return servers;
}
