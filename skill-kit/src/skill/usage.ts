import type { SkillDefinition } from './define-skill.js';

/** A skill-specific command-line flag; `env` names the variable that supplies its default. */
export interface SkillFlag {
  type: 'string' | 'boolean';
  description: string;
  env?: string;
}

export type SkillFlagValues = Record<string, string | boolean | undefined>;

/** The `--help` text of a skill bin. */
export function usage(skill: SkillDefinition, flags: Record<string, SkillFlag>): string {
  const lines = [
    `mmskills-${skill.name} ${skill.version}: ${skill.description}`,
    '',
    `Usage: mmskills-${skill.name} [options]`,
    '',
    '  (no option)        MCP over stdio',
    '  --http <port>      Streamable HTTP at http://127.0.0.1:<port>/mcp, plus GET /health',
    '  --host <address>   bind address for --http (default 127.0.0.1; env MMSKILLS_HOST)',
    '  --manifest         print server.json and the tool list as JSON, then exit',
    '  --manifest-out <dir>  write server.json and tools.json into <dir>, then exit',
    '  --preload          start loading the model at once, beside the handshake (env MMSKILLS_PRELOAD=1)',
    '  --idle-unload <s>  unload the model after this many seconds without a call, load it again at the',
    '                     next (default 300, 0 never; env MMSKILLS_IDLE_UNLOAD)',
    ...Object.entries(flags).map(([name, flag]) => {
      const left = `  --${name}${flag.type === 'string' ? ' <value>' : ''}`;
      return `${left.padEnd(21)}${flag.description}${flag.env ? ` (env ${flag.env})` : ''}`;
    }),
    '',
    `Tools: ${skill.tools.map((tool) => tool.name).join(', ')}`,
    '',
  ];
  return lines.join('\n');
}
