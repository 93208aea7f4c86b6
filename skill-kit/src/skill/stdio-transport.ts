import { jsonRpcIdIn, lineReader } from '@mmskills/core';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/core';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/server';
import { type StdioServerHandle, serveStdio } from '@modelcontextprotocol/server/stdio';

/**
 * MCP over this process's stdin/stdout, one JSON-RPC message per line. In place of the SDK's
 * StdioServerTransport, which copies its whole buffer on every chunk (a 23 MiB image took 22 s)
 * and closes the session, so the skill exits, on a line over its limit. Here a line over
 * `maxLineBytes` is answered with a JSON-RPC error and the skill keeps serving; a line that is not
 * JSON, or not a JSON-RPC message, is answered with -32700 / -32600 and id null (JSON-RPC 2.0 §5).
 */
export class LineStdioServerTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private readonly read: (chunk: Buffer) => void;
  private readonly onData = (chunk: Buffer) => this.read(chunk);
  private readonly onError = (error: Error) => this.onerror?.(error);

  constructor(
    maxLineBytes: number,
    private readonly input: NodeJS.ReadableStream = process.stdin,
    private readonly output: NodeJS.WritableStream = process.stdout,
  ) {
    this.read = lineReader(maxLineBytes, {
      line: (text) => this.handleLine(text),
      tooLong: (head, bytes) =>
        this.reply(
          jsonRpcIdIn(head) ?? null,
          -32600,
          `Invalid Request: the message is ${bytes} bytes, over this skill's limit of ${maxLineBytes} ` +
            'bytes (one image at the byte limit, as base64); send a smaller image',
        ),
    });
  }

  async start(): Promise<void> {
    this.input.on('data', this.onData);
    this.input.on('error', this.onError);
  }

  private handleLine(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.reply(null, -32700, `Parse error: ${(error as Error).message}`);
      return;
    }
    const message = JSONRPCMessageSchema.safeParse(value);
    if (!message.success) {
      this.reply(null, -32600, 'Invalid Request: the line is JSON but not a JSON-RPC 2.0 message');
      return;
    }
    this.onmessage?.(message.data);
  }

  private reply(id: string | number | null, code: number, message: string): void {
    this.send({ jsonrpc: '2.0', id, error: { code, message } } as JSONRPCMessage).catch((error: Error) =>
      this.onerror?.(error),
    );
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.output.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.output.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    this.input.off('data', this.onData);
    this.input.off('error', this.onError);
    this.onclose?.();
  }
}

/**
 * Serves a skill over stdin/stdout in both MCP eras: the SDK's `serveStdio` reads the first
 * message (`initialize` → 2025, an enveloped request → 2026-07-28) and pins one server from
 * `createServer` to the connection; lines of up to `maxLineBytes` travel through our transport
 * (the SDK's own closes the connection past 10 MB).
 */
export function serveSkillStdio(
  createServer: Parameters<typeof serveStdio>[0],
  maxLineBytes: number,
  onerror?: (error: Error) => void,
): StdioServerHandle {
  return serveStdio(createServer, {
    transport: new LineStdioServerTransport(maxLineBytes),
    ...(onerror && { onerror }),
  });
}
