import type { Logger } from '@mmskills/core';
import { Client, type Tool, type Transport } from '@modelcontextprotocol/client';
import { endpointTransport } from './endpoint-transport.js';
import type { SkillEndpoint } from './server-config.js';
import { StdioSkillTransport } from './stdio-client.js';

// The probe is a starting skill's first message, so its limit is how long a skill may take to
// start: on a loaded machine a skill run from source can take well over 10 s to read it. 60 s is
// what the SDK allows any request, and what `initialize` had before the probe.
const PROBE_TIMEOUT_MS = 60_000;
/** Who the host says it is to its skills, with no capabilities (the gateway's calls say the same). */
export const HOST_CLIENT_INFO = { name: 'mmskills-host', version: '0.1.0' };

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
 * The life of one skill's MCP client: started on first use, its tool list cached, restarted with
 * exponential backoff when its process dies, or probed so when its URL fails. The calls on it are
 * {@link SkillConnection}'s.
 */
export class SkillClient {
  state: ConnectionState = 'idle';
  lastError?: string;
  protected client?: Client;
  private stdio?: StdioSkillTransport;
  // Calls in flight on each client, so that a URL's client dropped after a failure is closed after them.
  protected readonly using = new Map<Client, number>();
  private connecting?: Promise<Client>;
  private tools?: Tool[];
  private failures = 0;
  private restartTimer?: NodeJS.Timeout;

  constructor(
    readonly name: string,
    protected readonly server: SkillEndpoint,
    protected readonly options: ConnectionOptions,
  ) {}

  async listTools(): Promise<Tool[]> {
    if (this.tools) return this.tools;
    await this.connect();
    return this.tools ?? [];
  }

  /** The name the skill gives itself (its serverInfo), which its pictures' URIs carry; undefined while down. */
  get serverName(): string | undefined {
    return this.client?.getServerVersion()?.name;
  }

  /** The MCP version the skill was reached in (2026-07-28, or a 2025 one through initialize); undefined while down. */
  get protocolVersion(): string | undefined {
    return this.client?.getNegotiatedProtocolVersion();
  }

  /** The URL the skill is reached at, or `stdio` for a process the host runs. */
  get endpoint(): string {
    return 'url' in this.server ? this.server.url : 'stdio';
  }

  /** The process id of a stdio skill while it runs. */
  get pid(): number | undefined {
    return this.client ? this.stdio?.pid : undefined;
  }

  /** Whether calls here are answered now: started, and neither restarting nor closed. */
  get up(): boolean {
    return this.client !== undefined && this.state === 'ready';
  }

  /** Whether it failed and is not back yet: waiting to restart (or be probed), or starting again. */
  get down(): boolean {
    return !this.up && this.failures > 0 && this.state !== 'closed';
  }

  /**
   * Takes a skill reached by URL out after its transport failed: the client is dropped and the
   * restart backoff probes it until it answers again. A process is taken out by its exit instead.
   */
  protected lost(client: Client, reason: string): void {
    if (!('url' in this.server) || this.client !== client || this.closed()) return;
    this.client = undefined;
    this.lastError = reason;
    this.options.log.warn('skill unreachable; probing it until it answers', { skill: this.name, reason });
    // Closed once its other calls settle: one failed request does not fail the rest.
    if (!this.using.has(client)) client.close().catch(() => {});
    this.scheduleRestart();
  }

  protected release(client: Client): void {
    const left = (this.using.get(client) ?? 1) - 1;
    if (left > 0) {
      this.using.set(client, left);
      return;
    }
    this.using.delete(client);
    if (client !== this.client && 'url' in this.server) client.close().catch(() => {});
  }

  /**
   * Stops a skill process that let a call time out, so the next call starts a fresh one: skills
   * run calls one at a time by default, so a hung handler would otherwise hold every later call.
   * A skill reached by URL is not ours to restart.
   */
  protected recycle(reason: string): void {
    const client = this.client;
    if (!client || 'url' in this.server) return;
    this.client = undefined;
    this.lastError = `restarted after ${reason}`;
    this.options.log.warn('skill restarted after a timeout', { skill: this.name, reason });
    client.close().catch(() => {});
  }

  async close(): Promise<void> {
    this.state = 'closed';
    clearTimeout(this.restartTimer);
    const client = this.client;
    this.client = undefined;
    // A start in flight sees the closed state when it finishes and stops what it started.
    await Promise.all([client?.close(), this.connecting?.catch(() => {})]);
  }

  protected connect(): Promise<Client> {
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
    const client = new Client(HOST_CLIENT_INFO, {
      versionNegotiation: { mode: 'auto', probe: { timeoutMs: PROBE_TIMEOUT_MS } },
    });
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
      this.stdio = undefined;
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
  protected closed(): boolean {
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
    const transport = endpointTransport(this.name, this.server, this.options.log);
    this.stdio = transport instanceof StdioSkillTransport ? transport : undefined;
    return transport;
  }
}
