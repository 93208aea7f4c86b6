import type { ServerJson, ToolDescriptor } from '@mmskills/core';
import { z } from 'zod';
import type { ToolSearchKind } from './tool-search.js';

export const ServerStatusSchema = z.enum(['active', 'deprecated', 'deleted']);
export type ServerStatus = z.infer<typeof ServerStatusSchema>;

/** Registry facts about one published version, as the official registry reports them. */
export interface VersionMeta {
  status: ServerStatus;
  statusMessage?: string;
  publishedAt: string;
  updatedAt: string;
  isLatest: boolean;
}

export interface ServerRecord {
  server: ServerJson;
  meta: VersionMeta;
}

export interface ToolHit {
  serverName: string;
  version: string;
  tool: ToolDescriptor;
  score: number;
}

/** Where a page ends: lists are ordered by name, then publication time, then version. */
export interface ListPosition {
  name: string;
  publishedAt: string;
  version: string;
}

export interface ListQuery {
  after?: ListPosition;
  limit: number;
  /** Substring of the server name. */
  search?: string;
  /** `latest` or an exact version; absent means every version. */
  version?: string;
  updatedSince?: string;
  /** Deleted versions are hidden unless asked for. */
  includeDeleted?: boolean;
}

export interface VersionsQuery {
  /** Deleted versions are hidden unless asked for. */
  includeDeleted?: boolean;
}

/** The version after a status change, and whether it changed (a request changing nothing stores nothing). */
export interface StatusOutcome {
  record: ServerRecord;
  changed: boolean;
}

export interface Page<T> {
  items: T[];
  /** Present when more items follow. */
  next?: ListPosition;
}

export interface NewVersion {
  server: ServerJson;
  tools: ToolDescriptor[];
  /** Publication time, RFC 3339. */
  now: string;
}

/**
 * Where the registry keeps servers, versions, tools and tokens. One implementation per file
 * (`sqlite/store.ts`, `postgres/store.ts`), all held to `test/store.contract.ts`.
 */
export interface RegistryStore {
  readonly kind: 'sqlite' | 'postgres';
  /** The engine behind `searchTools`. */
  readonly toolSearch: ToolSearchKind;
  /**
   * Stores a new version atomically and recomputes which version is latest.
   * Throws `VersionExistsError` when the name and version are already there.
   */
  publish(entry: NewVersion): Promise<ServerRecord>;
  listServers(query: ListQuery): Promise<Page<ServerRecord>>;
  /** Every version of `name`, newest publication first. */
  listVersions(name: string, query?: VersionsQuery): Promise<ServerRecord[]>;
  /** `version` may be `latest`. Deleted versions are returned too; the API decides. */
  getVersion(name: string, version: string): Promise<ServerRecord | undefined>;
  getTools(name: string, version: string): Promise<ToolDescriptor[] | undefined>;
  /** Ranked full-text search over the latest non-deleted version of every server. */
  searchTools(query: string, limit: number): Promise<ToolHit[]>;
  /**
   * Changes one version's status and recomputes which version is latest, atomically; undefined
   * when there is no such version. What counts as a change, and
   * the message kept: `status-change.ts`. `now` becomes the changed version's `updatedAt`.
   */
  setStatus(
    name: string,
    version: string,
    status: ServerStatus,
    message: string | undefined,
    now: string,
  ): Promise<StatusOutcome | undefined>;
  /**
   * Changes the status of every version of `name` in one transaction and recomputes which is
   * latest; answers the versions it changed, newest first, or undefined when `name` has none.
   */
  setAllStatuses(
    name: string,
    status: ServerStatus,
    message: string | undefined,
    now: string,
  ): Promise<ServerRecord[] | undefined>;
  saveToken(token: { hash: string; namespace: string; createdAt: string }): Promise<void>;
  findToken(hash: string): Promise<{ namespace: string } | undefined>;
  close(): Promise<void>;
}

export class VersionExistsError extends Error {
  constructor(
    readonly serverName: string,
    readonly version: string,
  ) {
    super(`${serverName} ${version} is already published; versions are immutable, publish a new version`);
    this.name = 'VersionExistsError';
  }
}
