import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const isSchemaError = (error: Error) => error.name === 'ZodError' || 'issues' in error;

/**
 * Serves `server` over this process's stdin/stdout, reading lines of up to `maxLineBytes` (the
 * SDK's 10 MB default drops a message holding one large image and then closes the session). A
 * line that is not JSON, or not a JSON-RPC message, is answered with -32700 / -32600 and id null,
 * as JSON-RPC 2.0 §5 asks, where the SDK alone stays silent and leaves the client waiting.
 */
export async function serveStdio(server: Server, maxLineBytes: number): Promise<StdioServerTransport> {
  const transport = new StdioServerTransport(process.stdin, process.stdout, { maxBufferSize: maxLineBytes });
  await server.connect(transport);
  const protocolOnError = transport.onerror;
  transport.onerror = (error) => {
    protocolOnError?.(error);
    const reply =
      error instanceof SyntaxError
        ? { code: -32700, message: `Parse error: ${error.message}` }
        : isSchemaError(error)
          ? { code: -32600, message: 'Invalid Request: the line is JSON but not a JSON-RPC 2.0 message' }
          : undefined;
    // id null is what JSON-RPC prescribes when the request's id could not be read.
    if (reply) transport.send({ jsonrpc: '2.0', id: null, error: reply } as never).catch(() => {});
  };
  return transport;
}
