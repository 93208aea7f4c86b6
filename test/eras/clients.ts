import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as V1HttpClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** Where a client reaches a skill: a bin it spawns over stdio, or a URL. */
export type Target = { stdio: { args: string[]; env: NodeJS.ProcessEnv } } | { http: string };

export type Icon = { src: string; mimeType?: string };
export type ProgressNote = { progress: number; total?: number; message?: string };

/** What the contract asks of any client, whatever its SDK and era. */
export interface EraClient {
  /** The protocol version it and the skill settled on. */
  version: string | undefined;
  /** The 2025 session id over HTTP; undefined over stdio and in 2026 (stateless). */
  sessionId: string | undefined;
  /** The server's identity: from `initialize` (2025), from the discover result's `_meta` (2026). */
  serverInfo: { name: string; icons?: Icon[] } | undefined;
  listTools(): Promise<Array<{ name: string; outputSchema?: unknown; icons?: Icon[] }>>;
  /** Without `onprogress` the client sends no progressToken. */
  callTool(
    name: string,
    args: Record<string, unknown>,
    onprogress?: (progress: ProgressNote) => void,
  ): Promise<{ isError?: boolean; structuredContent?: unknown; content: unknown[] }>;
  /** Every progress notification that reached the client so far, asked for or not. */
  progressNotes: ProgressNote[];
  readResource(uri: string): Promise<{ contents: Array<{ uri: string; mimeType?: string; blob?: string }> }>;
  close(): Promise<void>;
}

export type ClientKind = 'v2 pinned 2026-07-28' | 'v2 default (2025)' | 'v2 at 2025-06-18' | 'v1 1.32.2';
export const CLIENT_KINDS: ClientKind[] = [
  'v2 pinned 2026-07-28',
  'v2 default (2025)',
  'v2 at 2025-06-18',
  'v1 1.32.2',
];

const info = { name: 'mmskills-eras', version: '0.0.0' };
const stringEnv = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
// A subclass probes for 2026 on the child it spawned; the SDK's own class would spawn a sibling.
class InPlaceStdio extends StdioClientTransport {}
const CALL_TIMEOUT = { timeout: 180_000 };

/**
 * Records the progress notifications a connected transport delivers, before the SDK matches them to
 * a request (it drops, with an error, those for no token it sent).
 */
function tapProgress(transport: { onmessage?: unknown }): ProgressNote[] {
  const notes: ProgressNote[] = [];
  const deliver = transport.onmessage as ((...args: unknown[]) => void) | undefined;
  transport.onmessage = (message: { method?: string; params?: unknown }, ...rest: unknown[]) => {
    if (message.method === 'notifications/progress') notes.push(message.params as ProgressNote);
    deliver?.call(transport, message, ...rest);
  };
  return notes;
}

export async function connect(kind: ClientKind, target: Target): Promise<EraClient> {
  if (kind === 'v1 1.32.2') {
    const client = new V1Client(info);
    const transport =
      'http' in target
        ? new V1HttpClientTransport(new URL(target.http))
        : new V1StdioClientTransport({
            command: process.execPath,
            ...target.stdio,
            env: stringEnv(target.stdio.env),
            stderr: 'ignore',
          });
    await client.connect(transport);
    return {
      // SDK 1.x tells the negotiated version only through its HTTP transport.
      version: transport instanceof V1HttpClientTransport ? transport.protocolVersion : undefined,
      sessionId: transport instanceof V1HttpClientTransport ? transport.sessionId : undefined,
      serverInfo: client.getServerVersion(),
      progressNotes: tapProgress(transport),
      listTools: async () => (await client.listTools()).tools,
      callTool: (name, args, onprogress) =>
        client.callTool({ name, arguments: args }, undefined, { ...CALL_TIMEOUT, onprogress }) as ReturnType<
          EraClient['callTool']
        >,
      readResource: (uri) => client.readResource({ uri }) as ReturnType<EraClient['readResource']>,
      close: () => client.close(),
    };
  }
  const client = new Client(info, {
    ...(kind === 'v2 pinned 2026-07-28' && { versionNegotiation: { mode: { pin: '2026-07-28' } } }),
    ...(kind === 'v2 at 2025-06-18' && { supportedProtocolVersions: ['2025-06-18'] }),
  });
  const transport =
    'http' in target
      ? new StreamableHTTPClientTransport(new URL(target.http))
      : new InPlaceStdio({
          command: process.execPath,
          ...target.stdio,
          env: stringEnv(target.stdio.env),
          stderr: 'ignore',
        });
  await client.connect(transport);
  return {
    version: client.getNegotiatedProtocolVersion(),
    sessionId: transport instanceof StreamableHTTPClientTransport ? transport.sessionId : undefined,
    serverInfo: client.getServerVersion(),
    progressNotes: tapProgress(transport),
    listTools: async () => (await client.listTools()).tools,
    callTool: (name, args, onprogress) =>
      client.callTool({ name, arguments: args }, { ...CALL_TIMEOUT, onprogress }) as ReturnType<
        EraClient['callTool']
      >,
    readResource: (uri) => client.readResource({ uri }) as ReturnType<EraClient['readResource']>,
    close: () => client.close(),
  };
}
