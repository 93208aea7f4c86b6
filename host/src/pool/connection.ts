import { type Logger, Semaphore } from '@mmskills/core';
import {
  type CallToolResult,
  Client,
  type Progress,
  type ReadResourceResult,
  type RequestOptions,
  type Resource,
  SdkError,
  SdkErrorCode,
  type Tool,
  type Transport,
} from '@modelcontextprotocol/client';
import { getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import { forwardedArguments, takeForwardedResult } from './forwarding.js';
import { SkillHttpTransport } from './http-client.js';
import type { SkillServer } from './server-config.js';
import { StdioSkillTransport } from './stdio-client.js';

const MAX_RESULT_BYTES = 256 * 1024 * 1024;
// The probe is a starting skill's first message, so its limit is how long a skill may take to
// start: on a loaded machine a skill run from source can take well over 10 s to read it. 60 s is
// what the SDK allows any request, and what `initialize` had before the probe.
const PROBE_TIMEOUT_MS = 60_000;

/** What a forwarded call carries besides its arguments: the trace, and where the skill's progress goes. */
export interface ForwardOptions {
  traceparent?: string;
  /** Each progress notification the skill sends for the call (asking it for them). */
  onprogress?: (progress: Progress) => void;
}

export type ConnectionState = 'idle' | 'starting' | 'ready' | 'restarting' | 'closed';

export interface ConnectionOptions {
  callTimeoutMs: number;
  maxConcurrent: number;
  log: Logger;
  restartInitialMs?: number;
  restartMaxMs?: number;
  /** Told when the skill lists its tools for the first time after failing to start. */
  onFirstTools?: () => void;
}

/**
 * One skill server as the host sees it: started on first use, its tool list cached, calls
 * bounded and timed out, and restarted with exponential backoff when its process dies.
 */
export class SkillConnection {
  state: ConnectionState = 'idle';
  lastError?: string;
  private client?: Client;
  private connecting?: Promise<Client>;
  private tools?: Tool[];
  private failures = 0;
  private restartTimer?: NodeJS.Timeout;
  private readonly queue: Semaphore;

  constructor(
    readonly name: string,
    private readonly server: SkillServer,
    private readonly options: ConnectionOptions,
  ) {
    this.queue = new Semaphore(options.maxConcurrent);
  }

  async listTools(): Promise<Tool[]> {
    if (this.tools) return this.tools;
    await this.connect();
    return this.tools ?? [];
  }

  /** Calls a tool; every failure, including a dead process, comes back as an `isError` result. */
  callTool(
    tool: string,
    args: Record<string, unknown>,
    signal?: AbortSignal,
    traceparent?: string,
  ): Promise<CallToolResult> {
    const params = { name: tool, arguments: args, ...(traceparent && { _meta: { traceparent } }) };
    return this.calling(
      tool,
      signal,
      async (client, options) => (await client.callTool(params, options)) as CallToolResult,
    );
  }

  /**
   * Calls a tool for the gateway, which passes the result on: it is not parsed as a
   * CallToolResult (the gateway's client does that), and long strings (pictures as base64) stay
   * RawStrings, on both ways, from the bytes the client sent to the bytes the skill answered.
   */
  forwardTool(
    tool: string,
    args: Record<string, unknown>,
    signal?: AbortSignal,
    { traceparent, onprogress }: ForwardOptions = {},
  ): Promise<CallToolResult> {
    const marked = forwardedArguments(args);
    const params = { name: tool, arguments: marked, ...(traceparent && { _meta: { traceparent } }) };
    // Typed as the CallToolResult the skill sent; only its long strings may be RawStrings.
    return this.calling(tool, signal, async (client, options) => {
      const checked = await client.request({ method: 'tools/call', params }, { ...options, onprogress });
      return (takeForwardedResult(marked) ?? checked) as CallToolResult;
    });
  }

  private calling(
    tool: string,
    signal: AbortSignal | undefined,
    call: (client: Client, options: RequestOptions) => Promise<CallToolResult>,
  ): Promise<CallToolResult> {
    return this.queue.run(async () => {
      try {
        const client = await this.connect();
        return await call(client, {
          signal,
          timeout: this.options.callTimeoutMs,
          resetTimeoutOnProgress: true,
        });
      } catch (error) {
        if (isTimeout(error) && !signal?.aborted) this.recycle(`${tool} timed out`);
        return {
          isError: true,
          content: [{ type: 'text', text: this.describeFailure(tool, error, signal) }],
        };
      }
    }, signal);
  }

  /**
   * Stops a skill process that let a call time out, so the next call starts a fresh one: skills
   * run calls one at a time by default, so a hung handler would otherwise hold every later call.
   * A skill reached by URL is not ours to restart.
   */
  private recycle(reason: string): void {
    const client = this.client;
    if (!client || 'url' in this.server) return;
    this.client = undefined;
    this.lastError = `restarted after ${reason}`;
    this.options.log.warn('skill restarted after a timeout', { skill: this.name, reason });
    client.close().catch(() => {});
  }

  /** The name the skill gives itself (its serverInfo), which its pictures' URIs carry; undefined while down. */
  get serverName(): string | undefined {
    return this.client?.getServerVersion()?.name;
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

  /** The MCP version the skill was reached in (2026-07-28, or a 2025 one through initialize); undefined while down. */
  get protocolVersion(): string | undefined {
    return this.client?.getNegotiatedProtocolVersion();
  }

  /**
   * A real MCP round trip, starting the skill if needed: `ping` in the 2025 era; 2026-07-28 has
   * no ping, and `server/discover` is its cheapest request.
   */
  async ping(): Promise<boolean> {
    try {
      const client = await this.connect();
      if (client.getProtocolEra() === 'modern') await client.discover({ timeout: 5_000 });
      else await client.ping({ timeout: 5_000 });
      return true;
    } catch (error) {
      this.lastError = (error as Error).message;
      return false;
    }
  }

  async close(): Promise<void> {
    this.state = 'closed';
    clearTimeout(this.restartTimer);
    const client = this.client;
    this.client = undefined;
    // A start in flight sees the closed state when it finishes and stops what it started.
    await Promise.all([client?.close(), this.connecting?.catch(() => {})]);
  }

  private connect(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    if (this.state === 'closed') return Promise.reject(new Error(`skill ${this.name} is closed`));
    this.connecting ??= this.start().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async start(): Promise<Client> {
    this.state = 'starting';
    const listedBefore = this.tools !== undefined;
    // Either era: a 2026-07-28 skill is spoken to statelessly, a 2025 one (the v1 SDK's, say)
    // through initialize, whichever its answer to `server/discover` shows it to be.
    const client = new Client(
      { name: 'mmskills-host', version: '0.1.0' },
      { versionNegotiation: { mode: 'auto', probe: { timeoutMs: PROBE_TIMEOUT_MS } } },
    );
    try {
      await client.connect(this.transport());
      this.tools = (await client.listTools()).tools;
    } catch (error) {
      if (this.closed()) {
        await client.close().catch(() => {});
        throw new Error(`skill ${this.name} was closed while it started`);
      }
      this.lastError = (error as Error).message;
      this.scheduleRestart();
      await client.close().catch(() => {});
      throw new Error(`skill ${this.name} did not start: ${this.lastError}`);
    }
    if (this.closed()) {
      // close() came while the skill started: the process it spawned must not outlive it.
      await client.close();
      throw new Error(`skill ${this.name} was closed while it started`);
    }
    client.onclose = () => {
      if (this.client !== client || this.state === 'closed') return;
      this.client = undefined;
      this.lastError = 'the skill process exited';
      this.options.log.warn('skill stopped; restarting', { skill: this.name });
      this.scheduleRestart();
    };
    this.client = client;
    // A pool that listed the tools while this skill was down left it out: it must list them again.
    if (!listedBefore && this.failures > 0) this.options.onFirstTools?.();
    this.failures = 0;
    this.state = 'ready';
    return client;
  }

  // A method, not an inline test of `state`: close() may change it while start() awaits.
  private closed(): boolean {
    return this.state === 'closed';
  }

  private scheduleRestart(): void {
    if (this.state === 'closed') return;
    this.state = 'restarting';
    this.failures += 1;
    const delay = Math.min(
      (this.options.restartInitialMs ?? 200) * 2 ** (this.failures - 1),
      this.options.restartMaxMs ?? 30_000,
    );
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.connect().catch(() => {});
    }, delay);
    this.restartTimer.unref();
  }

  private transport(): Transport {
    if ('url' in this.server) {
      return new SkillHttpTransport(new URL(this.server.url), this.server.headers, MAX_RESULT_BYTES);
    }
    const transport = new StdioSkillTransport({
      command: this.server.command,
      args: this.server.args,
      env: { ...getDefaultEnvironment(), ...this.server.env },
      ...(this.server.cwd ? { cwd: this.server.cwd } : {}),
      // A tool result carries its pictures as base64 on one line, several of them at most 25 MiB
      // each. Skills are trusted code.
      maxLineBytes: MAX_RESULT_BYTES,
      onStderr: (chunk) =>
        this.options.log.debug('skill stderr', {
          skill: this.name,
          text: chunk.toString().trimEnd().slice(0, 2000),
        }),
    });
    return transport;
  }

  private describeFailure(tool: string, error: unknown, signal?: AbortSignal): string {
    if (signal?.aborted) return `${tool} was cancelled`;
    if (isTimeout(error)) {
      return `${tool} on skill ${this.name} timed out after ${this.options.callTimeoutMs} ms`;
    }
    if (error instanceof SdkError && error.code === SdkErrorCode.ConnectionClosed) {
      return `skill ${this.name} stopped during the call to ${tool}; it is being restarted, try again`;
    }
    return `${tool} on skill ${this.name} failed: ${(error as Error).message}`;
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout;
}
