import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ToolDescriptor } from '@mmskills/core';
import Database from 'better-sqlite3';
import { fts5Query, queryTerms, toolDocument, twoPassSearch } from '../../search/query.js';
import { pickLatest } from '../latest.js';
import {
  type ListQuery,
  type Page,
  type RegistryStore,
  type ServerRecord,
  type ServerStatus,
  VersionExistsError,
} from '../store.js';
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

/** The embedded default store: one SQLite file in WAL mode, tools indexed with FTS5. */
export function openSqliteStore(file: string): RegistryStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const versionsOf = db.prepare<[string], VersionRow>('SELECT * FROM versions WHERE name = ?');
  const markLatest = db.prepare('UPDATE versions SET is_latest = coalesce(version = ?, 0) WHERE name = ?');
  // FTS rows share their rowid with `tools`, so a server's rows are found through the tools key
  // (an FTS5 UNINDEXED column would mean a full scan on every publish).
  const unindex = db.prepare('DELETE FROM tools_fts WHERE rowid IN (SELECT rowid FROM tools WHERE name = ?)');
  const toolsOf = db.prepare<[string, string], { id: number; descriptor: string }>(
    'SELECT rowid AS id, descriptor FROM tools WHERE name = ? AND version = ?',
  );
  const indexTool = db.prepare(
    'INSERT INTO tools_fts (rowid, name, version, tool_name, words, title, description, params) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const searchStatement = db.prepare<
    [string, number],
    { name: string; version: string; tool_name: string; descriptor: string; rank: number }
  >(
    `SELECT f.name, f.version, f.tool_name, t.descriptor, f.rank
     FROM (SELECT rowid, name, version, tool_name, rank FROM tools_fts WHERE tools_fts MATCH ? ORDER BY rank LIMIT ?) f
     JOIN tools t ON t.rowid = f.rowid
     ORDER BY f.rank`,
  );
  // The index holds only each server's latest live version, so a search is one ranked FTS scan
  // that can stop at `limit` instead of ranking every version and filtering afterwards.
  const refreshLatest = (name: string) => {
    const rows = versionsOf.all(name);
    const latest = pickLatest(
      rows.map((row) => ({ version: row.version, publishedAt: row.published_at, status: row.status })),
    );
    markLatest.run(latest ?? null, name);
    unindex.run(name);
    if (!latest) return;
    for (const { id, descriptor } of toolsOf.all(name, latest)) {
      const tool = JSON.parse(descriptor) as ToolDescriptor;
      const doc = toolDocument(tool);
      indexTool.run(id, name, latest, tool.name, doc.name, doc.title, doc.description, doc.params);
    }
  };
  const reindexIfEmpty = () => {
    const indexed = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM tools_fts').get()?.n ?? 0;
    if (indexed > 0) return;
    const names = db.prepare<[], { name: string }>('SELECT DISTINCT name FROM versions').all();
    db.transaction(() => {
      for (const { name } of names) refreshLatest(name);
    })();
  };
  reindexIfEmpty();
  const getRow = (name: string, version: string) =>
    version === 'latest'
      ? db.prepare<[string], VersionRow>('SELECT * FROM versions WHERE name = ? AND is_latest = 1').get(name)
      : db
          .prepare<[string, string], VersionRow>('SELECT * FROM versions WHERE name = ? AND version = ?')
          .get(name, version);

  const publish = db.transaction((server: ServerRecord['server'], tools: ToolDescriptor[], now: string) => {
    const exists = db
      .prepare('SELECT 1 FROM versions WHERE name = ? AND version = ?')
      .get(server.name, server.version);
    if (exists) throw new VersionExistsError(server.name, server.version);
    db.prepare(
      'INSERT INTO versions (name, version, server_json, published_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    ).run(server.name, server.version, JSON.stringify(server), now, now);
    const insertTool = db.prepare(
      'INSERT INTO tools (name, version, position, tool_name, descriptor) VALUES (?, ?, ?, ?, ?)',
    );
    tools.forEach((tool, position) => {
      insertTool.run(server.name, server.version, position, tool.name, JSON.stringify(tool));
    });
    refreshLatest(server.name);
  });

  const setStatus = db.transaction(
    (name: string, version: string, status: ServerStatus, message: string | undefined, now: string) => {
      const changed = db
        .prepare(
          'UPDATE versions SET status = ?, status_message = ?, updated_at = ? WHERE name = ? AND version = ?',
        )
        .run(status, message ?? null, now, name, version);
      if (changed.changes > 0) refreshLatest(name);
      return changed.changes > 0;
    },
  );

  return {
    kind: 'sqlite',
    async publish({ server, tools, now }) {
      publish(server, tools, now);
      return toRecord(getRow(server.name, server.version) as VersionRow);
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
    async listVersions(name) {
      return db
        .prepare<[string], VersionRow>('SELECT * FROM versions WHERE name = ? ORDER BY published_at, version')
        .all(name)
        .map(toRecord);
    },
    async getVersion(name, version) {
      const row = getRow(name, version);
      return row && toRecord(row);
    },
    async getTools(name, version) {
      const row = getRow(name, version);
      if (!row) return undefined;
      return db
        .prepare<[string, string], { descriptor: string }>(
          'SELECT descriptor FROM tools WHERE name = ? AND version = ? ORDER BY position',
        )
        .all(row.name, row.version)
        .map((tool) => JSON.parse(tool.descriptor) as ToolDescriptor);
    },
    async searchTools(query, limit) {
      const terms = queryTerms(query);
      if (terms.length === 0) return [];
      const rows = await twoPassSearch(
        terms,
        limit,
        async (match, size) => searchStatement.all(fts5Query(terms, match), size),
        (row) => `${row.name}\u0000${row.tool_name}`,
      );
      return rows.map((row) => ({
        serverName: row.name,
        version: row.version,
        tool: JSON.parse(row.descriptor) as ToolDescriptor,
        score: Math.round(-row.rank * 1000) / 1000,
      }));
    },
    async setStatus(name, version, status, message, now) {
      if (!setStatus(name, version, status, message, now)) return undefined;
      return toRecord(getRow(name, version) as VersionRow);
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
