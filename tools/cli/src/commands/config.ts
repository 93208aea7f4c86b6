import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { BUILTIN_SKILLS } from '@mmskills/core';
import { defaultClientFile, mergeIntoClientFile, serversKey } from '../client-config/client-file.js';
import { type ClientKind, clientServers, type InstalledSkill } from '../client-config/servers.js';
import { installPlaces, readHostConfigFile } from '../install/host-config-file.js';
import { parseCommandArgs } from './parse-options.js';
import { CliError } from './registry-client.js';

export const CONFIG_USAGE = `Usage: mmskills config claude|vscode|cursor [--skills a,b] [--roots DIR,DIR]
                       [--gateway [--url http://127.0.0.1:8080/mcp]] [--write [--file PATH]]

Prints the MCP servers block for the client, with absolute paths to what is installed on this
machine: each skill's bin (the built-in ones and those \`mmskills install\` added to --config), or
with --gateway the host's MCP gateway. Skills read image files only under --roots (default: your
home folder), passed to them as MMSKILLS_FILE_ROOTS.
--write merges the block into the client's config file (Claude Desktop's, ~/.cursor/mcp.json, or
.vscode/mcp.json here; --file picks another), keeping its other servers and a .bak of the old file.
`;

const parse = (argv: string[]) =>
  parseCommandArgs(
    argv,
    {
      skills: { type: 'string' },
      roots: { type: 'string' },
      gateway: { type: 'boolean', default: false },
      url: { type: 'string', default: process.env.MMSKILLS_GATEWAY_URL ?? 'http://127.0.0.1:8080/mcp' },
      config: { type: 'string' },
      write: { type: 'boolean', default: false },
      file: { type: 'string' },
    },
    CONFIG_USAGE,
  );

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** `mmskills config`: the servers block an MCP client needs, printed or merged into its file. */
export async function configCommand(
  argv: string[],
  out: (line: string) => void,
  note: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  const { values, positionals } = parse(argv);
  const client = positionals[0];
  if (client !== 'claude' && client !== 'vscode' && client !== 'cursor')
    throw new CliError(`config needs a client: claude, vscode or cursor\n${CONFIG_USAGE}`, 2);
  let servers: ReturnType<typeof clientServers>;
  if (values.gateway) {
    servers = clientServers(client, { gateway: true, url: values.url });
    note(`the gateway at ${values.url} must be running: start it with \`mmskills serve\` (npm start)`);
  } else {
    const hostConfig = await readHostConfigFile(installPlaces(values).config);
    const installed = (hostConfig.skills ?? {}) as Record<string, InstalledSkill>;
    const stdioInstalled = Object.fromEntries(
      Object.entries(installed).filter(([, server]) => typeof server.command === 'string'),
    );
    const names = values.skills ? list(values.skills) : [...BUILTIN_SKILLS, ...Object.keys(stdioInstalled)];
    const roots = (values.roots ? list(values.roots) : [homedir()]).map((root) => resolve(root));
    servers = clientServers(client, { gateway: false, skills: names, installed: stdioInstalled, roots });
    note(`the skills may read image files under ${roots.join(', ')} (change with --roots DIR,DIR)`);
  }
  if (!values.write) {
    out(JSON.stringify({ [serversKey(client)]: servers }, null, 2));
    return 0;
  }
  const file = values.file ? resolve(values.file) : defaultClientFile(client);
  const backup = await mergeIntoClientFile(file, client as ClientKind, servers);
  out(
    `wrote ${Object.keys(servers).join(', ')} into ${file}${backup ? ` (the previous file is ${backup})` : ''}`,
  );
  note(`restart ${{ claude: 'Claude Desktop', vscode: 'VS Code', cursor: 'Cursor' }[client]} to load them`);
  return 0;
}
