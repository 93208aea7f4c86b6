import { parseArgs } from 'node:util';
import { BUILTIN_SKILLS } from '@mmskills/core';
import { CliError } from './registry-client.js';

export const CONFIG_USAGE =
  'Usage: mmskills config claude|vscode|cursor [--skills a,b | --gateway [--url http://127.0.0.1:8080/mcp]]\n';

/** `mmskills config`: the snippet an MCP client needs, for skills over stdio or the host's gateway. */
export function configCommand(argv: string[], out: (line: string) => void): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      skills: { type: 'string' },
      gateway: { type: 'boolean', default: false },
      url: { type: 'string', default: 'http://127.0.0.1:8080/mcp' },
    },
  });
  const client = positionals[0];
  if (client !== 'claude' && client !== 'vscode' && client !== 'cursor')
    throw new CliError(`config needs a client: claude, vscode or cursor\n${CONFIG_USAGE}`, 2);
  const names = values.skills ? values.skills.split(',').map((name) => name.trim()) : [...BUILTIN_SKILLS];
  const unknown = names.filter((name) => !(BUILTIN_SKILLS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new CliError(
      `unknown skill ${unknown.join(', ')}; built-in skills: ${BUILTIN_SKILLS.join(', ')}`,
      2,
    );
  const servers: Record<string, Record<string, unknown>> = values.gateway
    ? {
        mmskills:
          client === 'claude'
            ? { command: 'npx', args: ['-y', '@mmskills/cli', 'gateway', '--stdio', '--url', values.url] }
            : { type: 'http', url: values.url },
      }
    : Object.fromEntries(
        names.map((name) => [
          `mmskills-${name}`,
          {
            ...(client === 'vscode' ? { type: 'stdio' } : {}),
            command: 'npx',
            args: ['-y', `@mmskills/skill-${name}`],
          },
        ]),
      );
  // VS Code's mcp.json calls the block "servers"; Claude Desktop and Cursor call it "mcpServers".
  out(JSON.stringify(client === 'vscode' ? { servers } : { mcpServers: servers }, null, 2));
  return 0;
}
