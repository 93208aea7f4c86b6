import type { CallToolResult, ReadResourceResult, Resource, Tool } from '@modelcontextprotocol/client';
import {
  type CallAttempt,
  type ConnectionOptions,
  type ConnectionState,
  type ForwardOptions,
  SkillConnection,
} from './connection.js';
import { type SkillServer, skillEndpoints } from './server-config.js';

/** One replica of a skill as `/health` shows it. */
export interface ReplicaHealth {
  /** The replica's URL, or `stdio` for a process the host runs. */
  endpoint: string;
  pid?: number;
  state: ConnectionState;
  /** Calls sent to it or waiting for a turn there. */
  inFlight: number;
  /** Calls it answered (tool errors included) since the host started. */
  answered: number;
  lastError?: string;
}

/**
 * The replicas of one skill: several processes of its command, or several URLs. Each call goes to
 * the replica with the fewest calls in flight among those up (round robin among equals); one that
 * fails leaves the rotation until it answers again (a process is restarted, a URL probed, both
 * with backoff). A call that could not reach its replica is sent once to another; a call lost with
 * its replica is not, since tools are not assumed idempotent.
 * @see ../../README.md#replicated-skills
 */
export class ReplicaSet {
  readonly replicas: SkillConnection[];
  private turn = 0;

  constructor(
    readonly name: string,
    server: SkillServer,
    private readonly options: ConnectionOptions,
  ) {
    const endpoints = skillEndpoints(server);
    this.replicas = endpoints.map(
      (endpoint, i) =>
        new SkillConnection(endpoints.length === 1 ? name : `${name}#${i + 1}`, endpoint, options),
    );
  }

  get size(): number {
    return this.replicas.length;
  }

  /**
   * The skill's tools: every replica is started, and the first (in config order) that lists them
   * gives the catalogue. A replica listing other tools is logged and keeps serving.
   */
  async listTools(): Promise<Tool[]> {
    const lists = await Promise.allSettled(this.replicas.map((replica) => replica.listTools()));
    const index = lists.findIndex((list) => list.status === 'fulfilled');
    if (index === -1) throw (lists[0] as PromiseRejectedResult).reason;
    const tools = (lists[index] as PromiseFulfilledResult<Tool[]>).value;
    const names = toolNames(tools);
    lists.forEach((list, i) => {
      if (list.status === 'fulfilled' && toolNames(list.value) !== names) {
        this.options.log.warn('a replica lists other tools than the first; the first one’s are offered', {
          skill: this.name,
          replica: this.replicas[i]?.name,
          first: this.replicas[index]?.name,
        });
      }
    });
    return tools;
  }

  callTool(
    tool: string,
    args: Record<string, unknown>,
    signal?: AbortSignal,
    traceparent?: string,
  ): Promise<CallToolResult> {
    return this.spread((replica, options) => replica.attemptCall(tool, args, signal, traceparent, options));
  }

  forwardTool(
    tool: string,
    args: Record<string, unknown>,
    signal?: AbortSignal,
    forward: ForwardOptions = {},
  ): Promise<CallToolResult> {
    return this.spread((replica, options) => replica.attemptForward(tool, args, signal, forward, options));
  }

  private async spread(
    attempt: (replica: SkillConnection, options: { unlessDown: boolean }) => Promise<CallAttempt>,
  ): Promise<CallToolResult> {
    const first = this.pick();
    // A replica restarting fails the call at once when another may take it.
    const tried = await attempt(first, { unlessDown: this.size > 1 });
    if (tried.failure !== 'unreached') return tried.result;
    const second = this.pick(first);
    if (second === first) return tried.result;
    this.options.log.info('call sent to another replica', {
      skill: this.name,
      from: first.name,
      to: second.name,
    });
    return (await attempt(second, { unlessDown: false })).result;
  }

  /**
   * The replica for the next call: up ones before starting ones before down ones, then the
   * fewest calls in flight, then the next in turn. `except` is left out while there is another.
   */
  private pick(except?: SkillConnection): SkillConnection {
    const candidates = this.replicas.filter((replica) => replica !== except && replica.state !== 'closed');
    if (candidates.length === 0) return except ?? (this.replicas[0] as SkillConnection);
    const rank = (replica: SkillConnection) => (replica.up ? 0 : replica.down ? 2 : 1);
    const best = Math.min(...candidates.map(rank));
    const ranked = candidates.filter((replica) => rank(replica) === best);
    const fewest = Math.min(...ranked.map((replica) => replica.inFlight));
    const least = ranked.filter((replica) => replica.inFlight === fewest);
    this.turn = (this.turn + 1) % 1_000_000;
    return least[this.turn % least.length] as SkillConnection;
  }

  /** The name the skill gives itself, from the first replica up; undefined while all are down. */
  get serverName(): string | undefined {
    return this.replicas.find((replica) => replica.serverName)?.serverName;
  }

  get protocolVersion(): string | undefined {
    return this.replicas.find((replica) => replica.protocolVersion)?.protocolVersion;
  }

  /** Up when any replica is; else the state of the first. */
  get state(): ConnectionState {
    if (this.replicas.some((replica) => replica.up)) return 'ready';
    return (this.replicas[0] as SkillConnection).state;
  }

  get lastError(): string | undefined {
    return this.replicas.find((replica) => replica.lastError)?.lastError;
  }

  /**
   * Reads a picture the skill made. Each replica holds only its own pictures, so they are asked
   * in turn, those up first, until one has it.
   */
  async readResource(uri: string, signal?: AbortSignal): Promise<ReadResourceResult> {
    const order = [...this.replicas].sort((a, b) => Number(b.up) - Number(a.up));
    let failure: unknown;
    for (const replica of order) {
      try {
        return await replica.readResource(uri, signal);
      } catch (error) {
        failure ??= error;
        if (signal?.aborted) break;
      }
    }
    throw failure;
  }

  async listResources(): Promise<Resource[]> {
    const lists = await Promise.all(this.replicas.map((replica) => replica.listResources().catch(() => [])));
    return lists.flat();
  }

  /** A round trip to every replica; true when one answers. A URL that fails leaves the rotation. */
  async ping(): Promise<boolean> {
    const answers = await Promise.all(this.replicas.map((replica) => replica.ping()));
    return answers.some(Boolean);
  }

  health(): ReplicaHealth[] {
    return this.replicas.map((replica) => ({
      endpoint: replica.endpoint,
      ...(replica.pid !== undefined && { pid: replica.pid }),
      state: replica.state,
      inFlight: replica.inFlight,
      answered: replica.answered,
      ...(replica.lastError && { lastError: replica.lastError }),
    }));
  }

  async close(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.close()));
  }
}

function toolNames(tools: Tool[]): string {
  return tools
    .map((tool) => tool.name)
    .sort()
    .join(',');
}
