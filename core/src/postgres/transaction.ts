// Types only: the services that use PostgreSQL (the host's conversations, the registry's store)
// bring node-postgres; this module never loads it, so nothing else installs it.
import type pg from 'pg';

/**
 * One statement with its values as bind parameters. Our stores send no value inside SQL text:
 * `name` makes a fixed text be parsed and planned once per connection.
 */
export type Statement = pg.QueryConfig;

/**
 * Sends `statements` back to back and waits for them all: one round trip when the client was made
 * with `pipeline: true` (node-postgres then writes each query without waiting for the previous
 * answer; PostgreSQL still runs them in order). Throws the first failure in that order: inside a
 * transaction the later ones fail only because it was aborted.
 */
export async function pipeline(client: pg.ClientBase, statements: readonly Statement[]) {
  const settled = await Promise.allSettled(statements.map((statement) => client.query(statement)));
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<pg.QueryResult>).value);
}

/** What a transaction's work gives back: its result, and statements to send with COMMIT. */
export interface TransactionWork<T> {
  value: T;
  beforeCommit?: readonly Statement[];
}

/**
 * Runs `work` in a transaction on one of `pool`'s clients: `first` goes with BEGIN, the work's
 * `beforeCommit` with COMMIT. On failure the caller gets the error that ended the transaction;
 * when ROLLBACK fails too (the connection is gone), the client is destroyed, not pooled again.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  first: readonly Statement[],
  work: (client: pg.PoolClient) => Promise<TransactionWork<T>>,
): Promise<T> {
  const client = await pool.connect();
  // A checked-out client has no listener of the pool's, and an 'error' event nobody hears (the
  // server closing the connection) would throw out of the socket's handler and end the process.
  // The statement in flight fails with the cause in any case.
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken ??= error;
  };
  client.on('error', onError);
  try {
    await pipeline(client, [{ text: 'BEGIN' }, ...first]);
    const { value, beforeCommit = [] } = await work(client);
    await pipeline(client, [...beforeCommit, { text: 'COMMIT' }]);
    return value;
  } catch (error) {
    if (!broken)
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
