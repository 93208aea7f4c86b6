import { parseArgs } from 'node:util';
import { describeParameters } from '@mmskills/host';
import { fullName } from '../install/registry-skill.js';
import { CliError, errorText, registryJson, registryUrl } from './registry-client.js';

export const INFO_USAGE = `Usage: mmskills info <name>[@version] [--registry URL]

<name> is the registry name (io.github.mmskills/ocr) or its last part (ocr).
`;

/** `mmskills info`: a published skill's description and its tools with their parameters. */
export async function infoCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { registry: { type: 'string' } },
  });
  const [spec] = positionals;
  if (!spec) throw new CliError(`info needs a name\n${INFO_USAGE}`, 2);
  const at = spec.lastIndexOf('@');
  const [given, version] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, 'latest'];
  const base = registryUrl(values.registry);
  const name = await fullName(base, given);
  const path = `/v0/servers/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`;
  const server = await registryJson<{ server: { name: string; version: string; description: string } }>(
    base,
    path,
  );
  if (server.status !== 200) throw new CliError(`${name}@${version}: ${errorText(server.body)}`);
  const tools = await registryJson<{
    tools: Array<{ name: string; description?: string; inputSchema: Record<string, unknown> }>;
  }>(base, `${path}/tools`);
  out(`${server.body.server.name}@${server.body.server.version}: ${server.body.server.description}`);
  for (const tool of tools.body.tools ?? []) {
    out(`\n${tool.name}: ${tool.description ?? ''}`);
    out(describeParameters(tool.inputSchema));
  }
  return 0;
}
