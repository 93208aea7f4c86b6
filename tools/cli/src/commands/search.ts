import { parseArgs } from 'node:util';
import { CliError, errorText, registryJson, registryUrl } from './registry-client.js';

export const SEARCH_USAGE = 'Usage: mmskills search <query> [--registry URL] [--limit 10]\n';

interface Hit {
  server: { name: string; version: string };
  tool: { name: string; description?: string };
  score: number;
}

/** `mmskills search`: tools ranked by the registry for what you describe. */
export async function searchCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { registry: { type: 'string' }, limit: { type: 'string', default: '10' } },
  });
  const query = positionals.join(' ').trim();
  if (!query) throw new CliError(`search needs a query\n${SEARCH_USAGE}`, 2);
  const base = registryUrl(values.registry);
  const { status, body } = await registryJson<{ tools: Hit[] }>(
    base,
    `/v0/tools?q=${encodeURIComponent(query)}&limit=${values.limit}`,
  );
  if (status !== 200) throw new CliError(`search failed (${status}): ${errorText(body)}`);
  if (body.tools.length === 0) out(`no tools match "${query}"`);
  for (const hit of body.tools)
    out(`${hit.server.name}@${hit.server.version}  ${hit.tool.name}  ${hit.tool.description ?? ''}`);
  return 0;
}
