import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_SKILLS } from '@mmskills/core';
import { CliError } from '../commands/registry-client.js';

export type ClientKind = 'claude' | 'vscode' | 'cursor';

/** One server entry as the clients' config files spell it (VS Code adds `type`). */
export type ClientServer =
  | { type?: 'stdio'; command: string; args: string[]; env?: Record<string, string> }
  | { type: 'http'; url: string; headers?: Record<string, string> };

/** A skill the host config file lists: how the host itself starts it. */
export interface InstalledSkill {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

// This file sits at <cli>/src/client-config or <cli>/dist/client-config; the launcher at <cli>/bin.
const CLI_LAUNCHER = fileURLToPath(new URL('../../bin/mmskills.js', import.meta.url));

/**
 * The launcher of a built-in skill as installed on this machine (the workspace package, or the
 * package npm installed), and whether its build is there for the launcher to run.
 */
export function builtinSkillBin(name: string): { path: string; built: boolean } {
  const dir = dirname(createRequire(import.meta.url).resolve(`@mmskills/skill-${name}/server.json`));
  return { path: join(dir, 'bin', `mmskills-${name}.js`), built: existsSync(join(dir, 'dist', 'bin.js')) };
}

/** What `mmskills config` emits: absolute paths to what is installed here, never a package to fetch. */
export function clientServers(
  client: ClientKind,
  choice:
    | { gateway: true; url: string }
    | { gateway: false; skills: string[]; installed: Record<string, InstalledSkill>; roots: string[] },
): Record<string, ClientServer> {
  const stdio = (command: string, args: string[], env?: Record<string, string>): ClientServer => ({
    ...(client === 'vscode' ? { type: 'stdio' as const } : {}),
    command,
    args,
    ...(env ? { env } : {}),
  });
  if (choice.gateway) {
    // Claude Desktop's config file takes only commands; the others speak Streamable HTTP themselves.
    return {
      mmskills:
        client === 'claude'
          ? stdio(process.execPath, [CLI_LAUNCHER, 'gateway', '--stdio', '--url', choice.url])
          : { type: 'http', url: choice.url },
    };
  }
  const roots = { MMSKILLS_FILE_ROOTS: choice.roots.join(delimiter) };
  return Object.fromEntries(
    choice.skills.map((name) => {
      const installed = choice.installed[name];
      if (installed)
        return [`mmskills-${name}`, stdio(installed.command, installed.args, { ...installed.env, ...roots })];
      if (!(BUILTIN_SKILLS as readonly string[]).includes(name)) {
        const known = [...BUILTIN_SKILLS, ...Object.keys(choice.installed)];
        throw new CliError(`unknown skill ${name}; skills here: ${known.join(', ')}`, 2);
      }
      const bin = builtinSkillBin(name);
      if (!bin.built) throw new CliError(`${name} is not built yet: run \`npm run build\` first`, 1);
      return [`mmskills-${name}`, stdio(process.execPath, [bin.path], roots)];
    }),
  );
}
