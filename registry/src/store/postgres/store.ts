import type { ToolDescriptor } from '@mmskills/core';
import { inTransaction, type Statement, type TransactionWork } from '@mmskills/core/postgres';
import pg from 'pg';
import { pickLatest, type VersionFacts } from '../latest.js';
import {
  type ListQuery,
  type Page,
  type RegistryStore,
  type ServerRecord,
  type ServerStatus,
  VersionExistsError,
} from '../store.js';
import { DEFAULT_TOOL_SEARCH, type LatestMove, type ToolSearchKind } from '../tool-search.js';
import { postgresFtsSearch } from './fts-search.js';
import { postgresMemorySearch } from './memory-search.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';
import { byNewest, toRecord, type VersionRow } from './rows.js';
import { statusChanger } from './status.js';

type Queryable = pg.Pool | pg.PoolClient;

// An arbitrary constant: serialises concurrent migrations from several registry processes.
const MIGRATION_LOCK = 7_311_902;

/** The store for scale: PostgreSQL; tool search by the chosen engine. */
export async function openPostgresStore(
  connectionString: string,
  options: { toolSearch?: ToolSearchKind } = {},
): Promise<RegistryStore> {
  // Pipelined clients send a transaction's statements back to back (transaction.ts).
  const pool = new pg.Pool({ connectionString, max: 8, pipeline: true });
  const ownBackends = new Set<number>();
  pool.on('connect', (client) => {
    const pid = (client as pg.PoolClient & { processID: number }).processID;
    ownBackends.add(pid);
    client.once('end', () => ownBackends.delete(pid));
  });
  await migrate(pool);
  const schema = (await pool.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]?.schema;

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
  const search =
    (options.toolSearch ?? DEFAULT_TOOL_SEARCH) === 'fts'
      ? await postgresFtsSearch(pool)
      : await postgresMemorySearch({ pool, connectionString, schema: schema ?? 'public', ownBackends });

  /**
   * The statements that move `is_latest` (and the search engine's own) when the latest version
   * changed, to send with COMMIT; none when it did not change.
   */
  const latestChange = async (
    db: pg.PoolClient,
    name: string,
    versions: readonly VersionFacts[],
    published?: { version: string; tools: NonNullable<LatestMove['tools']> },
  ): Promise<{ move?: LatestMove; statements?: Statement[] }> => {
    const latest = pickLatest(versions);
    const previous = versions.find((entry) => entry.isLatest)?.version;
    if (latest === previous) return {};
    const move: LatestMove = {
      name,
      previous,
      latest,
      ...(published && latest === published.version ? { tools: published.tools } : {}),
    };
    const mark: Statement = {
      name: 'move-latest',
      text: `UPDATE versions SET is_latest = COALESCE(version = $2, FALSE)
        WHERE name = $1 AND (is_latest OR version = $2)`,
      values: [name, latest ?? null],
    };
    return { move, statements: [mark, ...(await search.moved(db, move))] };
  };
  /**
   * Runs `work` under the name's lock: publishes and status changes of one name are serialised, so
   * `is_latest` is computed over every version. BEGIN and the lock share a round trip.
   */
  const locked = <T>(name: string, work: (db: pg.PoolClient) => Promise<TransactionWork<T>>) =>
    inTransaction(
      pool,
      [{ name: 'lock-name', text: 'SELECT pg_advisory_xact_lock(hashtext($1))', values: [name] }],
      work,
    );

  const changeStatus = statusChanger({ locked, latestChange, committed: (move) => search.committed(move) });

  return {
    kind: 'postgres',
    toolSearch: search.kind,
    async publish({ server, tools, now }) {
      const move = await locked(server.name, async (db) => {
        // Versions are read in the same statement that inserts: its snapshot is taken after the lock.
        // A named statement is parsed and planned once per connection.
        const { rows } = await db.query<{
          inserted: number;
          versions: [string, string, ServerStatus, boolean][];
        }>({
          name: 'publish-version',
          text: `WITH inserted AS (
             INSERT INTO versions (name, version, server_json, published_at, updated_at)
             VALUES ($1, $2, $3, $4, $4) ON CONFLICT DO NOTHING RETURNING name, version),
           tools AS (
             INSERT INTO tools (name, version, position, tool_name, descriptor)
             SELECT i.name, i.version, e.ordinality - 1, e.value ->> 'name', e.value
             FROM inserted i, json_array_elements($5::json) WITH ORDINALITY e)
           SELECT (SELECT count(*) FROM inserted)::int AS inserted,
             (SELECT coalesce(json_agg(json_build_array(version, published_at, status, is_latest)), '[]')
              FROM versions WHERE name = $1) AS versions`,
          values: [server.name, server.version, JSON.stringify(server), now, JSON.stringify(tools)],
        });
        const row = rows[0];
        if (!row || row.inserted === 0) throw new VersionExistsError(server.name, server.version);
        const versions = row.versions.map(([version, publishedAt, status, isLatest]) => ({
          version,
          publishedAt,
          status,
          isLatest,
        }));
        versions.push({ version: server.version, publishedAt: now, status: 'active', isLatest: false });
        const { move, statements } = await latestChange(db, server.name, versions, {
          version: server.version,
          tools: { parsed: tools },
        });
        return { value: move, beforeCommit: statements };
      });
      if (move) await search.committed(move);
      const isLatest = move?.latest === server.version;
      return { server, meta: { status: 'active', publishedAt: now, updatedAt: now, isLatest } };
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
    async listVersions(name, { includeDeleted = false } = {}) {
      const { rows } = await pool.query<VersionRow>({
        name: 'list-versions',
        text: `SELECT * FROM versions WHERE name = $1 AND ($2 OR status <> 'deleted')
          ORDER BY published_at DESC, version DESC`,
        values: [name, includeDeleted],
      });
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
    searchTools: (query, limit) => search.search(query, limit),
    async setStatus(name, version, status, message, now) {
      const { asked, changed } = await changeStatus(name, version, status, message, now);
      const row = asked[0];
      return row && { record: toRecord(row), changed: changed.size > 0 };
    },
    async setAllStatuses(name, status, message, now) {
      const { asked, changed } = await changeStatus(name, undefined, status, message, now);
      if (asked.length === 0) return undefined;
      return asked
        .filter((row) => changed.has(row.version))
        .sort(byNewest)
        .map(toRecord);
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
      await search.close();
      await pool.end();
    },
  };
}

/** Applies the migrations not yet applied, all or none, one registry process at a time. */
async function migrate(pool: pg.Pool): Promise<void> {
  await inTransaction(
    pool,
    [{ text: 'SELECT pg_advisory_xact_lock($1)', values: [MIGRATION_LOCK] }],
    async (client) => {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
      );
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((row) => row.version));
      for (const [index, sql] of POSTGRES_MIGRATIONS.entries()) {
        if (applied.has(index + 1)) continue;
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
          index + 1,
          new Date().toISOString(),
        ]);
      }
      return { value: undefined };
    },
  );
}
