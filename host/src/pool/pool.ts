import type { Logger } from '@mmskills/core';
import { ImageStore } from '@mmskills/skill-kit';
import type { CallToolResult, Resource, Tool } from '@modelcontextprotocol/client';
import type { ConnectionOptions, ConnectionState, ForwardOptions } from './connection.js';
import { withLinkedPictures } from './picture-links.js';
import { type ReplicaHealth, ReplicaSet } from './replicas.js';
import type { SkillServer, SkillServers } from './server-config.js';
import { agentNames, qualifiedName } from './tool-names.js';

/** A tool of some connected skill, with the names the agent and the gateway use for it. */
export interface PoolTool {
  skill: string;
  /** Name the agent's model uses: the tool's own, or `<skill>__<tool>` where two skills share it. */
  name: string;
  /** Name on the MCP gateway: always `<skill>__<tool>`. */
  qualifiedName: string;
  tool: Tool;
}

export interface SkillHealth {
  /** `ready` when any replica is. */
  state: ConnectionState;
  tools: number;
  /** The MCP version the host speaks with the skill: the newest both know. */
  protocolVersion?: string;
  lastError?: string;
  /** Each process or URL of the skill: one unless the config asks for `replicas` or `urls`. */
  replicas: ReplicaHealth[];
}

/**
 * Which skills {@link SkillPool.update} started, stopped, or restarted with new settings, or which
 * skill, down when the tools were listed, came up (`recovered`).
 */
export interface PoolChanges {
  added: string[];
  removed: string[];
  changed: string[];
  recovered?: string[];
}

export interface PoolOptions extends Partial<Omit<ConnectionOptions, 'log'>> {
  log: Logger;
}

/** The host's MCP clients, one set of replicas per configured skill, and the routing of tool calls to them. */
export class SkillPool {
  /** Pictures clients sent the host (`POST /v1/images`), for any tool to take by their URI. */
  readonly uploads = new ImageStore('host', 256 * 1024 * 1024);
  private readonly connections = new Map<string, ReplicaSet>();
  private catalogue?: Promise<PoolTool[]>;

  private readonly servers = new Map<string, string>();
  private readonly changeListeners = new Set<(changes: PoolChanges) => void>();

  constructor(
    servers: SkillServers,
    private readonly options: PoolOptions,
  ) {
    for (const [name, server] of Object.entries(servers)) this.add(name, server);
  }

  /**
   * Brings the pool to a new set of skill servers while it runs (the host's config file changed):
   * new skills are added, missing ones closed, and ones whose command or URL changed restarted.
   * Untouched skills keep their process and their calls in flight.
   */
  async update(servers: SkillServers): Promise<PoolChanges> {
    const changes: PoolChanges = { added: [], removed: [], changed: [] };
    const closing: Promise<void>[] = [];
    for (const name of [...this.connections.keys()]) {
      const next = servers[name];
      if (next && this.servers.get(name) === stableJson(next)) continue;
      (next ? changes.changed : changes.removed).push(name);
      closing.push((this.connections.get(name) as ReplicaSet).close());
      this.connections.delete(name);
      this.servers.delete(name);
    }
    for (const [name, server] of Object.entries(servers)) {
      if (this.connections.has(name)) continue;
      if (!changes.changed.includes(name)) changes.added.push(name);
      this.add(name, server);
    }
    const changed = changes.added.length + changes.removed.length + changes.changed.length > 0;
    if (changed) this.catalogue = undefined;
    await Promise.all(closing);
    if (changed) for (const listener of this.changeListeners) listener(changes);
    return changes;
  }

  /**
   * Calls `listener` after each {@link update} that changed the set of skills (so the tool list may
   * differ); returns the unsubscribe function.
   */
  onChange(listener: (changes: PoolChanges) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private add(name: string, server: SkillServer): void {
    this.servers.set(name, stableJson(server));
    this.connections.set(
      name,
      new ReplicaSet(name, server, {
        callTimeoutMs: this.options.callTimeoutMs ?? 120_000,
        maxConcurrent: this.options.maxConcurrent ?? 4,
        log: this.options.log,
        restartInitialMs: this.options.restartInitialMs,
        restartMaxMs: this.options.restartMaxMs,
        onFirstTools: () => this.recovered(name),
      }),
    );
  }

  private recovered(name: string): void {
    this.catalogue = undefined;
    const changes = { added: [], removed: [], changed: [], recovered: [name] };
    for (const listener of this.changeListeners) listener(changes);
  }

  get skills(): string[] {
    return [...this.connections.keys()];
  }

  /**
   * Every tool of every skill that starts; a skill that fails is left out and logged. The list is
   * kept until the skills change, or one left out comes up (its connection says so).
   */
  tools(): Promise<PoolTool[]> {
    this.catalogue ??= this.loadCatalogue().catch((error) => {
      this.catalogue = undefined;
      throw error;
    });
    return this.catalogue;
  }

  /**
   * Calls a tool by its agent or gateway name. Unknown names come back as an `isError` result.
   * `traceparent` (W3C) goes to the skill in the call's `_meta`.
   */
  call(
    name: string,
    args: Record<string, unknown>,
    signal?: AbortSignal,
    traceparent?: string,
  ): Promise<CallToolResult> {
    return this.route(name, (connection, tool) =>
      withLinkedPictures(this, connection, args, signal, (resolved) =>
        connection.callTool(tool, resolved, signal, traceparent),
      ),
    );
  }

  /** {@link call} for the gateway, which passes the result on as the skill wrote it (SkillConnection.attemptForward). */
  forward(
    name: string,
    args: Record<string, unknown>,
    signal?: AbortSignal,
    options: ForwardOptions = {},
  ): Promise<CallToolResult> {
    return this.route(name, (connection, tool) =>
      withLinkedPictures(this, connection, args, signal, (resolved) =>
        connection.forwardTool(tool, resolved, signal, options),
      ),
    );
  }

  /**
   * The skill a picture's `mmskills://<name>/…` URI points to: `name` is what the skill calls itself
   * (its serverInfo), which is usually, but not always, the name this pool gives it.
   */
  async owner(name: string): Promise<ReplicaSet | undefined> {
    await this.tools().catch(() => []);
    const named = this.connections.get(name);
    if (named?.serverName === name) return named;
    return [...this.connections.values()].find((connection) => connection.serverName === name) ?? named;
  }

  /** The pictures clients uploaded, then every skill's resources (the pictures each made), newest first. */
  async resources(): Promise<Resource[]> {
    const lists = await Promise.all(
      [...this.connections.values()].map((connection) => connection.listResources().catch(() => [])),
    );
    return [...this.uploads.list(), ...lists.flat()];
  }

  private async route(
    name: string,
    call: (connection: ReplicaSet, tool: string) => Promise<CallToolResult>,
  ): Promise<CallToolResult> {
    const tools = await this.tools();
    const found = tools.find((entry) => entry.name === name || entry.qualifiedName === name);
    if (!found) {
      return {
        isError: true,
        content: [
          { type: 'text', text: `unknown tool "${name}"; available: ${tools.map((t) => t.name).join(', ')}` },
        ],
      };
    }
    return call(this.connections.get(found.skill) as ReplicaSet, found.tool.name);
  }

  async health(): Promise<Record<string, SkillHealth>> {
    const entries = await Promise.all(
      [...this.connections].map(async ([name, connection]) => {
        await connection.ping();
        const tools = connection.state === 'ready' ? (await connection.listTools()).length : 0;
        return [
          name,
          {
            state: connection.state,
            tools,
            ...(connection.protocolVersion ? { protocolVersion: connection.protocolVersion } : {}),
            ...(connection.lastError ? { lastError: connection.lastError } : {}),
            replicas: connection.health(),
          },
        ] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  async close(): Promise<void> {
    await Promise.all([...this.connections.values()].map((connection) => connection.close()));
  }

  private async loadCatalogue(): Promise<PoolTool[]> {
    const perSkill = await Promise.all(
      [...this.connections].map(async ([skill, connection]) => {
        try {
          return (await connection.listTools()).map((tool) => ({ skill, tool }));
        } catch (error) {
          this.options.log.warn('skill unavailable; its tools are left out', {
            skill,
            error: (error as Error).message,
          });
          return [];
        }
      }),
    );
    const flat = perSkill.flat();
    const names = agentNames(flat.map(({ skill, tool }) => ({ skill, tool: tool.name })));
    return flat.map(({ skill, tool }, i) => ({
      skill,
      tool,
      name: names[i] as string,
      qualifiedName: qualifiedName(skill, tool.name),
    }));
  }
}

// Key order in a config file must not make an unchanged skill look changed.
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}
