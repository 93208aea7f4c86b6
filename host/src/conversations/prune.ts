import type { Retention } from './settings.js';

/**
 * Retention in two steps, which both stores run (placeholders `?`, or `$n` for PostgreSQL). First
 * the conversations older than the cut-off go, found by the `updated_at` index, and the totals are
 * read; only when they are over the count or the bytes does the ranking statement run, since it
 * ranks every conversation (at 10,000 conversations it made each turn's write 10 times slower).
 */
export function ageStatement(placeholder: (n: number) => string): string {
  return `DELETE FROM conversations WHERE updated_at < ${placeholder(1)}
    AND (turn_until IS NULL OR turn_until < ${placeholder(2)})`;
}

export const TOTALS_STATEMENT =
  'SELECT count(*) AS count, coalesce(sum(bytes), 0) AS bytes FROM conversations';

/**
 * The ranking statement: a conversation goes when it is older than the cut-off, past the count,
 * or past the byte total counted from the most recently used down. The newest is never removed
 * for bytes alone (one conversation over the limit is kept until a newer one exists), nor one a
 * turn holds.
 */
export function pruneStatement(placeholder: (n: number) => string): string {
  return `DELETE FROM conversations WHERE id IN (
    SELECT id FROM (
      SELECT id, updated_at, turn_until,
        row_number() OVER newest AS n,
        sum(bytes) OVER newest AS running
      FROM conversations
      WINDOW newest AS (ORDER BY updated_at DESC, id ROWS UNBOUNDED PRECEDING)
    ) ranked
    WHERE (updated_at < ${placeholder(1)} OR n > ${placeholder(2)} OR (running > ${placeholder(3)} AND n > 1))
      AND (turn_until IS NULL OR turn_until < ${placeholder(4)})
  )`;
}

/**
 * Whether a write is due to apply retention: once every `checkSeconds` of the store's clock. A pass
 * reads every conversation's totals, and ranks them all when over a limit: at every write that was
 * 18 ms a new conversation past 10,000 in SQLite, on the host's event loop (the soak's throughput
 * fell by a third). Age is checked on every read too, so an expired conversation is never served in
 * between; the count and bytes may run over their limits for up to `checkSeconds`.
 */
export function retentionDue(retention: Retention): (at: number) => boolean {
  let last = Number.NEGATIVE_INFINITY;
  return (at) => {
    if (at - last < retention.checkSeconds * 1000) return false;
    last = at;
    return true;
  };
}

/** Whether the totals ask for the ranking statement. */
export function overLimits(retention: Retention, totals: { count: number | string; bytes: number | string }) {
  return Number(totals.count) > retention.maxConversations || Number(totals.bytes) > retention.maxBytes;
}

/** The values for {@link pruneStatement}, in order. */
export function pruneValues(retention: Retention, now: number): number[] {
  return [oldestKept(retention, now), retention.maxConversations, retention.maxBytes, now];
}

/** The earliest `updated_at` still kept. */
export function oldestKept(retention: Retention, now: number): number {
  return now - retention.maxAgeDays * 86_400_000;
}

/**
 * A clock that never repeats or goes back within one store, so "most recently used" is an order
 * even for turns in the same millisecond.
 */
export function monotonicClock(clock: () => number = Date.now): () => number {
  let last = 0;
  return () => {
    last = Math.max(clock(), last + 1);
    return last;
  };
}
