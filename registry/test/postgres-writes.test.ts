import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPostgresStore } from '../src/store/postgres/store.js';
import type { RegistryStore } from '../src/store/store.js';
import { type ToolSearchKind, ToolSearchKindSchema } from '../src/store/tool-search.js';
import { faceTools, ocrTools, serverJson } from './fixtures.js';
import { freshSchema } from './postgres-fixture.js';

const url = process.env.MMSKILLS_TEST_DATABASE_URL ?? '';
const t = (minute: number) => `2026-11-26T10:${String(minute).padStart(2, '0')}:00.000Z`;

/**
 * What the PostgreSQL store's writes send, seen from PostgreSQL: a connection of the test's own
 * holds a lock a write must wait for, and `pg_stat_activity` shows the statement that waits.
 */
describe.skipIf(!url)('postgres store writes', () => {
  const observer = new pg.Client({ connectionString: url });
  const opened: RegistryStore[] = [];
  beforeAll(() => observer.connect());
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await observer.end();
  });

  /** A store in a schema of its own, and that schema's URL. */
  const open = async (schema: string, toolSearch: ToolSearchKind) => {
    const scoped = await freshSchema(url, `${schema}_${process.pid}`);
    const store = await openPostgresStore(scoped, { toolSearch });
    opened.push(store);
    return { store, scoped };
  };
  /** A connection that runs `statements` and keeps the locks they take until it ends. */
  const hold = async (scoped: string, ...statements: [string, unknown[]?][]) => {
    const client = new pg.Client({ connectionString: scoped });
    await client.connect();
    for (const [text, values] of statements) await client.query(text, values);
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return { client, pid: rows[0]?.pid as number };
  };
  /**
   * The backend that waits for a lock `holder` holds, and the statement it waits in: one holding
   * `fragment` when given. (pg_stat_activity may still show the statement the backend ran before
   * for a moment after it is seen waiting: a CI run read the memory engine's tool SELECT there.)
   */
  const waitingOn = (holder: number, fragment = '') =>
    vi.waitFor(
      async () => {
        const { rows } = await observer.query<{ pid: number; query: string }>(
          'SELECT pid, query FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
          [holder],
        );
        expect(rows).toHaveLength(1);
        expect(rows[0]?.query).toContain(fragment);
        return rows[0] as { pid: number; query: string };
      },
      { timeout: 10_000 },
    );

  for (const toolSearch of ToolSearchKindSchema.options)
    it(`sends names and versions as parameters, never in the SQL text (${toolSearch} tool search)`, async () => {
      const { store, scoped } = await open(`params_${toolSearch}`, toolSearch);
      const name = 'io.github.bound/parameters';
      await store.publish({ server: serverJson(name, '1.0.0'), tools: ocrTools, now: t(1) });
      // The locks the next publish takes, in its order: the name's, the row of the latest version
      // it unmarks, then the search engine's row (the memory engine's only when it marks itself).
      const gates = [
        await hold(scoped, ['SELECT pg_advisory_lock(hashtext($1))', [name]]),
        await hold(scoped, ['BEGIN'], ['SELECT FROM versions WHERE name = $1 FOR UPDATE', [name]]),
        toolSearch === 'fts'
          ? await hold(scoped, ['BEGIN'], ['SELECT FROM tool_search WHERE name = $1 FOR UPDATE', [name]])
          : await hold(
              scoped,
              ["UPDATE tool_search_state SET engine = 'fts'"],
              ['BEGIN'],
              ['SELECT FROM tool_search_state FOR UPDATE'],
            ),
      ];
      const published = store.publish({ server: serverJson(name, '2.0.0'), tools: faceTools, now: t(2) });
      const statements: string[] = [];
      const awaited = [
        'pg_advisory_xact_lock',
        'is_latest',
        toolSearch === 'fts' ? 'tool_search' : 'pg_notify',
      ];
      for (const [i, gate] of gates.entries()) {
        statements.push((await waitingOn(gate.pid, awaited[i])).query);
        await gate.client.end();
      }
      expect((await published).meta.isLatest).toBe(true);
      for (const statement of statements) {
        expect(statement).not.toContain(name);
        expect(statement).not.toContain('2.0.0');
      }
      expect(statements).toEqual([
        expect.stringContaining('pg_advisory_xact_lock(hashtext($1))'),
        expect.stringContaining('is_latest'),
        expect.stringContaining(toolSearch === 'fts' ? 'tool_search' : 'pg_notify'),
      ]);
    });

  it('reports the error that ended a transaction, not the ROLLBACK that could not follow it', async () => {
    const { store, scoped } = await open('rollback', 'memory');
    const name = 'io.github.bound/terminated';
    const gate = await hold(scoped, ['SELECT pg_advisory_lock(hashtext($1))', [name]]);
    const failed = store.publish({ server: serverJson(name, '1.0.0'), tools: ocrTools, now: t(1) }).then(
      () => undefined,
      (error: unknown) => error,
    );
    await observer.query('SELECT pg_terminate_backend($1)', [(await waitingOn(gate.pid)).pid]);
    // 57P01 (admin_shutdown) ended the lock wait and the connection; a ROLLBACK cannot follow it.
    expect(await failed).toMatchObject({ code: '57P01' });
    await gate.client.end();
    // The dead connection is not handed out again.
    await store.publish({ server: serverJson(name, '1.0.0'), tools: ocrTools, now: t(2) });
    expect((await store.getVersion(name, 'latest'))?.meta.publishedAt).toBe(t(2));
  });
});
