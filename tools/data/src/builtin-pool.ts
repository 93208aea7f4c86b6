import { BUILTIN_SKILLS, createLogger, type Logger, MmskillsError } from '@mmskills/core';
import { builtinSkillServers, SkillPool } from '@mmskills/host';

/**
 * Splits a `--skills a,b` value and checks every name is an installed built-in skill.
 * @throws {MmskillsError} `invalid_argument` naming the unknown skills and the known ones.
 */
export function parseSkillList(value: string | undefined, installed: readonly string[]): string[] {
  if (value === undefined) return [...installed];
  const names = [
    ...new Set(
      value
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = names.filter((name) => !installed.includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new MmskillsError(
      'invalid_argument',
      `--skills ${value}: ${unknown.length > 0 ? `unknown ${unknown.join(', ')}` : 'no skill named'}; the built-in skills are ${installed.join(', ') || BUILTIN_SKILLS.join(', ')}`,
    );
  }
  return names;
}

/**
 * A skill pool of the named built-in skills over stdio, as the host runs them. `source` runs their
 * TypeScript (workspace and tests); otherwise their build where present. `env` replaces the
 * `MMSKILLS_*` settings they get from this process (a model folder per skill, say).
 */
export function builtinPool(
  skills: readonly string[],
  options: { source?: boolean; log?: Logger; env?: Record<string, string> } = {},
): SkillPool {
  const servers = builtinSkillServers({
    ...(options.source === undefined ? {} : { source: options.source }),
    ...(options.env ? { env: options.env } : {}),
  });
  const chosen = Object.fromEntries(Object.entries(servers).filter(([name]) => skills.includes(name)));
  return new SkillPool(chosen, {
    log: options.log ?? createLogger('mmskills-data', { level: 'warn' }),
    callTimeoutMs: 300_000,
  });
}

export function installedSkills(): string[] {
  return Object.keys(builtinSkillServers());
}
