import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPostgresConversations } from '../src/conversations/postgres.js';
import { RetentionSchema } from '../src/conversations/settings.js';
import type { ConversationStore } from '../src/conversations/store.js';
import { freshSchema } from './conversation-host.js';
import { nothing } from './conversation-store.contract.js';

const url = process.env.MMSKILLS_TEST_DATABASE_URL ?? '';

// The server ending a connection in the middle of a turn's transaction (a restart, a failover, an
// administrator): the turn fails with PostgreSQL's own error, the host goes on (no 'error' event
// left unheard on the checked-out client), and the dead connection is not handed out again.
describe.skipIf(!url)('the PostgreSQL conversation store when the server ends a connection', () => {
  const observer = new pg.Client({ connectionString: url });
  let store: ConversationStore;
  let scoped: string;
  beforeAll(async () => {
    await observer.connect();
    scoped = await freshSchema(url, `conversation_faults_${process.pid}`);
    store = await openPostgresConversations(scoped, { retention: RetentionSchema.parse({}) });
  });
  afterAll(async () => {
    await store?.close();
    await observer.end();
  });

  it('fails the commit with the cause, and the same turn commits when it tries again', async () => {
    const id = await store.create();
    await store.claim(id, 'first', 60_000);
    // A connection of the test's own locks the conversation's row, so the commit waits on it.
    const gate = new pg.Client({ connectionString: scoped });
    await gate.connect();
    await gate.query('BEGIN');
    await gate.query('SELECT id FROM conversations WHERE id = $1 FOR UPDATE', [id]);
    const [{ pid: holder }] = (await gate.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [
      { pid: number },
    ];
    const failed = store.commit(id, 'first', nothing).then(
      () => undefined,
      (error: unknown) => error,
    );
    const waiting = await vi.waitFor(
      async () => {
        const { rows } = await observer.query<{ pid: number }>(
          'SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
          [holder],
        );
        expect(rows).toHaveLength(1);
        return rows[0] as { pid: number };
      },
      { timeout: 10_000 },
    );
    await observer.query('SELECT pg_terminate_backend($1)', [waiting.pid]);
    // 57P01 (admin_shutdown): the commit's statement ended with its connection.
    expect(await failed).toMatchObject({ code: '57P01' });
    await gate.query('ROLLBACK');
    await gate.end();
    // Give a stray 'error' event of the dead connection the time to arrive, had nobody heard it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await store.commit(id, 'first', { ...nothing, append: [{ role: 'user', content: 'still here' }] });
    expect((await store.read(id))?.messages).toEqual([{ role: 'user', content: 'still here' }]);
  });
});
