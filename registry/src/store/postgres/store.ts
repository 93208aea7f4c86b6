import type { ToolDescriptor } from '@mmskills/core';
import pg from 'pg';
import { queryTerms, toolDocument, tsQuery, twoPassSearch } from '../../search/query.js';
import { pickLatest } from '../latest.js';
import {
  type ListQuery,
  type Page,
  type RegistryStore,
  type ServerRecord,
  type ServerStatus,
  VersionExistsError,
} from '../store.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';

interface VersionRow {
  name: string;
  version: string;
  server_json: ServerRecord['server'];
  status: ServerStatus;
  status_message: string | null;
  published_at: string;
  updated_at: string;
  is_latest: boolean;
}

type Queryable = pg.Pool | pg.PoolClient;

// An arbitrary constant: serialises concurrent migrations from several registry processes.
const MIGRATION_LOCK = 7_311_902;

/** The store for scale: PostgreSQL, tools indexed with weighted tsvectors. */
export async function openPostgresStore(connectionString: string): Promise<RegistryStore> {
  const pool = new pg.Pool({ connectionString, max: 8 });
  await migrate(pool);

  const getRow = async (db: Queryable, name: string, version: string) => {
    const result =
      version === 'latest'
        ? await db.query<VersionRow>('SELECT * FROM versions WHERE name = $1 AND is_latest', [name])
        : await db.query<VersionRow>('SELECT * FROM versions WHERE name = $1 AND version = $2', [
            name,
            version,
          ]);
    return result.rows[0];
  };
  const refreshLatest = async (db: Queryable, name: string) => {
    const { rows } = await db.query<VersionRow>('SELECT * FROM versions WHERE name = $1 FOR UPDATE', [name]);
    const latest = pickLatest(
      rows.map((row) => ({ version: row.version, publishedAt: row.published_at, status: row.status })),
    );
    await db.query('UPDATE versions SET is_latest = COALESCE(version = $1, FALSE) WHERE name = $2', [
      latest ?? null,
      name,
    ]);
    await db.query('UPDATE tools SET searchable = COALESCE(version = $1, FALSE) WHERE name = $2', [
      latest ?? null,
      name,
    ]);
  };
  const inTransaction = async <T>(work: (db: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };

  return {
    kind: 'postgres',
    async publish({ server, tools, now }) {
      return inTransaction(async (db) => {
        // Serialises publishes of one name so `is_latest` is computed over every version.
        await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [server.name]);
        const inserted = await db.query(
          `INSERT INTO versions (name, version, server_json, published_at, updated_at)
           VALUES ($1, $2, $3, $4, $4) ON CONFLICT DO NOTHING`,
          [server.name, server.version, JSON.stringify(server), now],
        );
        if (inserted.rowCount === 0) throw new VersionExistsError(server.name, server.version);
        for (const [position, tool] of tools.entries()) {
          const doc = toolDocument(tool);
          await db.query(
            `INSERT INTO tools (name, version, position, tool_name, descriptor, document) VALUES ($1, $2, $3, $4, $5,
               setweight(to_tsvector('simple', $6), 'A') || setweight(to_tsvector('simple', $7), 'B') ||
               setweight(to_tsvector('simple', $8), 'C') || setweight(to_tsvector('simple', $9), 'D'))`,
            [
              server.name,
              server.version,
              position,
              tool.name,
              JSON.stringify(tool),
              doc.name,
              doc.title,
              doc.description,
              doc.params,
            ],
          );
        }
        await refreshLatest(db, server.name);
        return toRecord((await getRow(db, server.name, server.version)) as VersionRow);
      });
    },
    async listServers(query: ListQuery): Promise<Page<ServerRecord>> {
      const where: string[] = [];
      const params: unknown[] = [];
      const param = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      if (!query.includeDeleted) where.push("status <> 'deleted'");
      if (query.search) where.push(`strpos(lower(name), lower(${param(query.search)})) > 0`);
      if (query.version === 'latest') where.push('is_latest');
      else if (query.version) where.push(`version = ${param(query.version)}`);
      if (query.updatedSince) where.push(`updated_at > ${param(query.updatedSince)}`);
      if (query.after) {
        const { name, publishedAt, version } = query.after;
        where.push(
          `(name, published_at, version) > (${param(name)}, ${param(publishedAt)}, ${param(version)})`,
        );
      }
      const sql = `SELECT * FROM versions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY name, published_at, version LIMIT ${param(query.limit + 1)}`;
      const { rows } = await pool.query<VersionRow>(sql, params);
      const items = rows.slice(0, query.limit).map(toRecord);
      const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
      return {
        items,
        next: last && { name: last.name, publishedAt: last.published_at, version: last.version },
      };
    },
    async listVersions(name) {
      const { rows } = await pool.query<VersionRow>(
        'SELECT * FROM versions WHERE name = $1 ORDER BY published_at, version',
        [name],
      );
      return rows.map(toRecord);
    },
    async getVersion(name, version) {
      const row = await getRow(pool, name, version);
      return row && toRecord(row);
    },
    async getTools(name, version) {
      const row = await getRow(pool, name, version);
      if (!row) return undefined;
      const { rows } = await pool.query<{ descriptor: ToolDescriptor }>(
        'SELECT descriptor FROM tools WHERE name = $1 AND version = $2 ORDER BY position',
        [row.name, row.version],
      );
      return rows.map((tool) => tool.descriptor);
    },
    async searchTools(query, limit) {
      const terms = queryTerms(query);
      if (terms.length === 0) return [];
      type Row = {
        name: string;
        version: string;
        tool_name: string;
        descriptor: ToolDescriptor;
        rank: number;
      };
      const rows = await twoPassSearch(
        terms,
        limit,
        async (match, size) =>
          (
            await pool.query<Row>(
              `SELECT t.name, t.version, t.tool_name, t.descriptor, ts_rank(t.document, q) AS rank
               FROM tools t, to_tsquery('simple', $1) q
               WHERE t.searchable AND t.document @@ q
               ORDER BY rank DESC, t.name, t.tool_name LIMIT $2`,
              [tsQuery(terms, match), size],
            )
          ).rows,
        (row) => `${row.name}\u0000${row.tool_name}`,
      );
      return rows.map((row) => ({
        serverName: row.name,
        version: row.version,
        tool: row.descriptor,
        score: Math.round(row.rank * 1000) / 1000,
      }));
    },
    async setStatus(name, version, status, message, now) {
      return inTransaction(async (db) => {
        await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
        const changed = await db.query(
          'UPDATE versions SET status = $1, status_message = $2, updated_at = $3 WHERE name = $4 AND version = $5',
          [status, message ?? null, now, name, version],
        );
        if (changed.rowCount === 0) return undefined;
        await refreshLatest(db, name);
        return toRecord((await getRow(db, name, version)) as VersionRow);
      });
    },
    async saveToken({ hash, namespace, createdAt }) {
      await pool.query('INSERT INTO tokens (hash, namespace, created_at) VALUES ($1, $2, $3)', [
        hash,
        namespace,
        createdAt,
      ]);
    },
    async findToken(hash) {
      const { rows } = await pool.query<{ namespace: string }>(
        'SELECT namespace FROM tokens WHERE hash = $1',
        [hash],
      );
      return rows[0];
    },
    async close() {
      await pool.end();
    },
  };
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    for (const [index, sql] of POSTGRES_MIGRATIONS.entries()) {
      if (applied.has(index + 1)) continue;
      await client.query('BEGIN');
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
        index + 1,
        new Date().toISOString(),
      ]);
      await client.query('COMMIT');
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    client.release();
  }
}

function toRecord(row: VersionRow): ServerRecord {
  return {
    server: row.server_json,
    meta: {
      status: row.status,
      ...(row.status_message ? { statusMessage: row.status_message } : {}),
      publishedAt: row.published_at,
      updatedAt: row.updated_at,
      isLatest: row.is_latest,
    },
  };
}
