import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

export const GATEWAY_USAGE = `Usage: mmskills gateway --stdio [--url http://127.0.0.1:8080/mcp] [--api-key-env VAR]

Serves the host's MCP gateway (every skill's tools as <skill>__<tool>) over stdio, for MCP
clients that can only spawn processes.
`;

/** `mmskills gateway --stdio`: a stdio MCP server that forwards tool listing and calls to the host's `/mcp`. */
export async function gatewayCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      stdio: { type: 'boolean', default: false },
      url: { type: 'string', default: process.env.MMSKILLS_GATEWAY_URL ?? 'http://127.0.0.1:8080/mcp' },
      'api-key-env': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !values.stdio) {
    (values.help ? process.stdout : process.stderr).write(GATEWAY_USAGE);
    return values.help ? 0 : 2;
  }
  const key = values['api-key-env'] ? process.env[values['api-key-env']] : undefined;
  const upstream = new Client({ name: 'mmskills-gateway-stdio', version: '0.1.0' });
  try {
    await upstream.connect(
      new StreamableHTTPClientTransport(new URL(values.url), {
        requestInit: { headers: key ? { authorization: `Bearer ${key}` } : {} },
      }),
    );
  } catch (error) {
    process.stderr.write(
      `mmskills gateway: cannot reach the host at ${values.url}: ${(error as Error).message}\n`,
    );
    return 1;
  }
  const server = new Server({ name: 'mmskills-gateway', version: '0.1.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, (request) => upstream.listTools(request.params));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    upstream.callTool(request.params, undefined, { signal: extra.signal, timeout: 600_000 }),
  );
  await server.connect(new StdioServerTransport());
  await new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    upstream.onclose = resolve;
  });
  await Promise.allSettled([server.close(), upstream.close()]);
  return 0;
}
