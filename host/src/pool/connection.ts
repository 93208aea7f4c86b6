import { Semaphore } from '@mmskills/core';
import {
  type CallToolResult,
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  type Client,
  PROTOCOL_VERSION_META_KEY,
  type Progress,
  type ReadResourceResult,
  type RequestOptions,
  type Resource,
} from '@modelcontextprotocol/client';
import type { CallForwarding } from './forwarding.js';
import type { SkillEndpoint } from './server-config.js';
import { type ConnectionOptions, HOST_CLIENT_INFO, SkillClient } from './skill-client.js';
import {
  type CallFailure,
  errorResult,
  failureText,
  isTimeout,
  transportFailure,
} from './transport-failure.js';

export type { ConnectionOptions, ConnectionState } from './skill-client.js';

/** What a forwarded call carries besides its arguments: the trace, and where the skill's progress goes. */
export interface ForwardOptions {
  traceparent?: string;
  /** Each progress notification the skill sends for the call (asking it for them). */
  onprogress?: (progress: Progress) => void;
}

/** A call's result, and whether it failed because the skill could not be reached or went away during it. */
export interface CallAttempt {
  result: CallToolResult;
  failure?: CallFailure;
}

/** Where a call may go: `unlessDown` fails it as unreached, rather than waiting, while the skill restarts. */
export interface AttemptOptions {
  unlessDown?: boolean;
}

/**
 * One skill server as the host sees it: started on first use, its tool list cached, calls
 * bounded and timed out, and restarted with exponential backoff when its process dies (or probed
 * so when its URL fails).
 */
export class SkillConnection extends SkillClient {
  /** Calls sent or waiting for a turn here. */
  inFlight = 0;
  /** Calls answered here (tool errors included), for `/health`. */
  answered = 0;
  private readonly queue: Semaphore;

  constructor(name: string, server: SkillEndpoint, options: ConnectionOptions) {
    super(name, server, options);
    this.queue = new Semaphore(options.maxConcurrent);
  }

  /**
   * Calls a tool; every failure, including a dead process, comes back as an `isError` result, and
   * one of the skill's transport says so (see {@link CallAttempt}).
   */
  attemptCall(
    tool: string,
    args: Record<string, unknown>,
    signal?: AbortSignal,
    traceparent?: string,
    options: AttemptOptions = {},
  ): Promise<CallAttempt> {
    const params = { name: tool, arguments: args, ...(traceparent && { _meta: { traceparent } }) };
    return this.calling(
      tool,
      signal,
      async (client, request) => (await client.callTool(params, request)) as CallToolResult,
      options,
    );
  }

  /**
   * Calls a tool for the gateway, which passes the result on: the call is sent on the skill's
   * transport without the SDK's client (see ForwardedCalls), its result neither decoded nor
   * checked (the gateway's client does that), and long strings (pictures as base64) stay
   * RawStrings, both ways, from the bytes the client sent to the bytes the skill answered.
   */
  attemptForward(
    tool: string,
    args: Record<string, unknown>,
    signal?: AbortSignal,
    { traceparent, onprogress }: ForwardOptions = {},
    options: AttemptOptions = {},
  ): Promise<CallAttempt> {
    const params = { name: tool, arguments: args };
    // Typed as the CallToolResult the skill sent; only its long strings may be RawStrings.
    return this.calling(
      tool,
      signal,
      async (client, request) => {
        const transport = client.transport as Partial<CallForwarding> | undefined;
        // As the SDK's client answers a request on a client whose transport has closed.
        if (!transport?.forwardCall) throw new Error('Not connected');
        const result = await transport.forwardCall(params, {
          timeoutMs: request.timeout as number,
          ...(signal && { signal }),
          ...(onprogress && { onprogress }),
          ...(traceparent && { traceparent }),
          ...(client.getProtocolEra() === 'modern' && { envelope: modernEnvelope(client) }),
        });
        return result as CallToolResult;
      },
      options,
    );
  }

  private async calling(
    tool: string,
    signal: AbortSignal | undefined,
    call: (client: Client, options: RequestOptions) => Promise<CallToolResult>,
    { unlessDown = false }: AttemptOptions,
  ): Promise<CallAttempt> {
    this.inFlight += 1;
    try {
      return await this.queue.run(async () => {
        if (unlessDown && this.down) {
          return this.unreached(tool, this.lastError ?? 'it is restarting');
        }
        let client: Client;
        try {
          client = await this.connect();
        } catch (error) {
          return this.unreached(tool, (error as Error).message);
        }
        this.using.set(client, (this.using.get(client) ?? 0) + 1);
        try {
          const result = await call(client, {
            signal,
            timeout: this.options.callTimeoutMs,
            resetTimeoutOnProgress: true,
          });
          this.answered += 1;
          return { result };
        } catch (error) {
          if (isTimeout(error) && !signal?.aborted) this.recycle(`${tool} timed out`);
          const failure = signal?.aborted ? undefined : transportFailure(error);
          if (failure) this.lost(client, (error as Error).message);
          const text = this.describeFailure(tool, error, signal, failure);
          return { result: errorResult(text), ...(failure && { failure }) };
        } finally {
          this.release(client);
        }
      }, signal);
    } finally {
      this.inFlight -= 1;
    }
  }

  private unreached(tool: string, reason: string): CallAttempt {
    const text = failureText({ tool, skill: this.name, error: new Error(reason), failure: 'unreached' });
    return { result: errorResult(text), failure: 'unreached' };
  }

  /** Reads one resource of the skill (a picture it made, by the URI its result linked). */
  async readResource(uri: string, signal?: AbortSignal): Promise<ReadResourceResult> {
    const client = await this.connect();
    return client.readResource({ uri }, { signal, timeout: this.options.callTimeoutMs });
  }

  /** The skill's resources, or none when it declares no resources capability. */
  async listResources(): Promise<Resource[]> {
    const client = await this.connect();
    if (!client.getServerCapabilities()?.resources) return [];
    return (await client.listResources()).resources;
  }

  /**
   * A real MCP round trip, starting the skill if needed: `ping` in the 2025 era; 2026-07-28 has
   * no ping, and `server/discover` is its cheapest request.
   */
  async ping(): Promise<boolean> {
    let client: Client | undefined;
    try {
      client = await this.connect();
      if (client.getProtocolEra() === 'modern') await client.discover({ timeout: 5_000 });
      else await client.ping({ timeout: 5_000 });
      return true;
    } catch (error) {
      this.lastError = (error as Error).message;
      if (client && transportFailure(error)) this.lost(client, this.lastError);
      return false;
    }
  }

  private describeFailure(tool: string, error: unknown, signal?: AbortSignal, failure?: CallFailure): string {
    return failureText({
      tool,
      skill: this.name,
      error,
      signal,
      failure,
      timeoutMs: this.options.callTimeoutMs,
      restarts: !('url' in this.server),
    });
  }
}

// The `_meta` the SDK's client puts on each 2026-07-28 request: the version, who asks, and what it can do.
function modernEnvelope(client: Client): Record<string, unknown> {
  return {
    [PROTOCOL_VERSION_META_KEY]: client.getNegotiatedProtocolVersion(),
    [CLIENT_INFO_META_KEY]: HOST_CLIENT_INFO,
    [CLIENT_CAPABILITIES_META_KEY]: {},
  };
}
