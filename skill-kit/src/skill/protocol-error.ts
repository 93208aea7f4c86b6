import { McpError } from '@modelcontextprotocol/sdk/types.js';

/**
 * For the host's gateway, still a v1 (SDK 1.x) `Server`, until it moves to SDK 2.x; skills throw
 * the v2 `ProtocolError`, which sends its message unprefixed.
 *
 * A JSON-RPC error (unknown tool, protocol misuse) whose message on the wire is exactly `message`.
 * The SDK's McpError prefixes "MCP error <code>: " to its message, the server sends that message,
 * and the client's McpError prefixes it again: "MCP error -32602: MCP error -32602: Unknown tool".
 */
export class ProtocolError extends McpError {
  constructor(code: number, message: string, data?: unknown) {
    super(code, message, data);
    this.name = 'ProtocolError';
    this.message = message;
  }
}
