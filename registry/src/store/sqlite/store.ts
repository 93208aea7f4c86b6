import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ToolDescriptor } from '@mmskills/core';
import Database from 'better-sqlite3';
import { pickLatest } from '../latest.js';
import { changes, storedMessage } from '../status-change.js';
import {
  type ListQuery,
  type NewVersion,
  type Page,
  type RegistryStore,
  type ServerRecord,
  type ServerStatus,
  VersionExistsError,
} from '../store.js';
import { DEFAULT_TOOL_SEARCH, type LatestMove, type ToolSearchKind } from '../tool-search.js';
import { sqliteFtsSearch } from './fts-search.js';
import { groupCommit } from './group-commit.js';
import { sqliteMemorySearch } from './memory-search.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

interface VersionRow {
  name: string;
  version: string;
  server_json: string;
  status: ServerStatus;
  status_message: string | null;
  published_at: string;
  updated_at: string;
  is_latest: number;
}

/** The embedded default store: one SQLite file in WAL mode; tool search by the chosen engine. */
export function openSqliteStore(file: string, options: { toolSearch?: ToolSearchKind } = {}): RegistryStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const versionsOf = db.prepare<[string], VersionRow>('SELECT * FROM versions WHERE name = ?');
  const newestFirst = db.prepare<[string], VersionRow>(
    'SELECT * FROM versions WHERE name = ? ORDER BY published_at DESC, version DESC',
  );
  const insertVersion = db.prepare(
    `INSERT INTO versions (name, version, server_json, published_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const insertTool = db.prepare(
    'INSERT INTO tools (name, version, position, tool_name, descriptor) VALUES (?, ?, ?, ?, ?)',
  );
  const markLatest = db.prepare(
    'UPDATE versions SET is_latest = coalesce(version = ?, 0) WHERE name = ? AND (is_latest = 1 OR version = ?)',
  );
  const updateStatus = db.prepare(
    'UPDATE versions SET status = ?, status_message = ?, updated_at = ? WHERE name = ? AND version = ?',
  );
  const toolsOf = db
    .prepare<[string, string], string>(
      'SELECT descriptor FROM tools WHERE name = ? AND version = ? ORDER BY position',
    )
    .pluck();
  const byVersion = db.prepare<[string, string], VersionRow>(
    'SELECT * FROM versions WHERE name = ? AND version = ?',
  );
  const byLatest = db.prepare<[string], VersionRow>(
    'SELECT * FROM versions WHERE name = ? AND is_latest = 1',
  );
  const getRow = (name: string, version: string) =>
    version === 'latest' ? byLatest.get(name) : byVersion.get(name, version);

  const search =
    (options.toolSearch ?? DEFAULT_TOOL_SEARCH) === 'fts' ? sqliteFtsSearch(db) : sqliteMemorySearch(db);

  /**
   * Recomputes which version is latest and tells the search engine, in the same transaction;
   * answers the move when it changed. `published` spares reading back the tools just written.
   */
  const refreshLatest = (
    name: string,
    published?: { version: string; tools: NonNullable<LatestMove['tools']> },
  ): LatestMove | undefined => {
    const rows = versionsOf.all(name);
    const latest = pickLatest(
      rows.map((row) => ({ version: row.version, publishedAt: row.published_at, status: row.status })),
    );
    const before = rows.find((row) => row.is_latest === 1)?.version;
    if (latest === before) return undefined;
    markLatest.run(latest ?? null, name, latest ?? null);
    const move = {
      name,
      previous: before,
      latest,
      ...(published && latest === published.version ? { tools: published.tools } : {}),
    };
    search.moved(db, move);
    return move;
  };

  const publish = groupCommit(
    db,
    ({ server, tools, descriptors, now }: NewVersion & { descriptors: readonly string[] }) => {
      if (insertVersion.run(server.name, server.version, JSON.stringify(server), now, now).changes === 0)
        throw new VersionExistsError(server.name, server.version);
      tools.forEach((tool, position) => {
        insertTool.run(server.name, server.version, position, tool.name, descriptors[position]);
      });
      return refreshLatest(server.name, {
        version: server.version,
        tools: { json: descriptors, parsed: tools },
      });
    },
    (move) => {
      if (move) search.committed(move);
    },
  );

  /**
   * Sets `status` on those of `name`'s versions (only `version` when given) it changes, and moves
   * latest; answers which versions it was asked about and which changed.
   */
  const changeStatus = db.transaction(
    (
      name: string,
      version: string | undefined,
      status: ServerStatus,
      message: string | undefined,
      now: string,
    ) => {
      const asked = versionsOf.all(name).filter((row) => version === undefined || row.version === version);
      const changed = asked.filter((row) =>
        changes({ status: row.status, statusMessage: row.status_message }, status, message),
      );
      for (const row of changed) updateStatus.run(status, storedMessage(message), now, name, row.version);
      return {
        asked: asked.length,
        changed: new Set(changed.map((row) => row.version)),
        move: changed.length > 0 ? refreshLatest(name) : undefined,
      };
    },
  );
  const setStatus = (...args: Parameters<typeof changeStatus>) => {
    const result = changeStatus(...args);
    if (result.move) search.committed(result.move);
    return result;
  };

  return {
    kind: 'sqlite',
    toolSearch: search.kind,
    async publish({ server, tools, now }) {
      const descriptors = tools.map((tool) => JSON.stringify(tool));
      const move = await publish({ server, tools, descriptors, now });
      const isLatest = move?.latest === server.version;
      return { server, meta: { status: 'active', publishedAt: now, updatedAt: now, isLatest } };
    },
    async listServers(query: ListQuery): Promise<Page<ServerRecord>> {
      const where: string[] = [];
      const params: unknown[] = [];
      if (!query.includeDeleted) where.push("status != 'deleted'");
      if (query.search) {
        where.push('instr(lower(name), lower(?)) > 0');
        params.push(query.search);
      }
      if (query.version === 'latest') where.push('is_latest = 1');
      else if (query.version) {
        where.push('version = ?');
        params.push(query.version);
      }
      if (query.updatedSince) {
        where.push('updated_at > ?');
        params.push(query.updatedSince);
      }
      if (query.after) {
        where.push('(name, published_at, version) > (?, ?, ?)');
        params.push(query.after.name, query.after.publishedAt, query.after.version);
      }
      const sql = `SELECT * FROM versions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY name, published_at, version LIMIT ?`;
      const rows = db.prepare<unknown[], VersionRow>(sql).all(...params, query.limit + 1);
      const items = rows.slice(0, query.limit).map(toRecord);
      const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
      return {
        items,
        next: last && { name: last.name, publishedAt: last.published_at, version: last.version },
      };
    },
    async listVersions(name, { includeDeleted = false } = {}) {
      return newestFirst
        .all(name)
        .filter((row) => includeDeleted || row.status !== 'deleted')
        .map(toRecord);
    },
    async getVersion(name, version) {
      const row = getRow(name, version);
      return row && toRecord(row);
    },
    async getTools(name, version) {
      const row = getRow(name, version);
      if (!row) return undefined;
      return toolsOf.all(row.name, row.version).map((json) => JSON.parse(json) as ToolDescriptor);
    },
    searchTools: (query, limit) => search.search(query, limit),
    async setStatus(name, version, status, message, now) {
      const { asked, changed } = setStatus(name, version, status, message, now);
      if (asked === 0) return undefined;
      return { record: toRecord(byVersion.get(name, version) as VersionRow), changed: changed.size > 0 };
    },
    async setAllStatuses(name, status, message, now) {
      const { asked, changed } = setStatus(name, undefined, status, message, now);
      if (asked === 0) return undefined;
      return newestFirst
        .all(name)
        .filter((row) => changed.has(row.version))
        .map(toRecord);
    },
    async saveToken({ hash, namespace, createdAt }) {
      db.prepare('INSERT INTO tokens (hash, namespace, created_at) VALUES (?, ?, ?)').run(
        hash,
        namespace,
        createdAt,
      );
    },
    async findToken(hash) {
      return db
        .prepare<[string], { namespace: string }>('SELECT namespace FROM tokens WHERE hash = ?')
        .get(hash);
    },
    async close() {
      await search.close();
      db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((row) => row.version),
  );
  SQLITE_MIGRATIONS.forEach((sql, index) => {
    if (applied.has(index + 1)) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        index + 1,
        new Date().toISOString(),
      );
    })();
  });
}

function toRecord(row: VersionRow): ServerRecord {
  return {
    server: JSON.parse(row.server_json),
    meta: {
      status: row.status,
      ...(row.status_message ? { statusMessage: row.status_message } : {}),
      publishedAt: row.published_at,
      updatedAt: row.updated_at,
      isLatest: row.is_latest === 1,
    },
  };
}
