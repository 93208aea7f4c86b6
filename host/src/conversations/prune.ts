import type { Retention } from './settings.js';

/**
 * The one retention statement both stores run (placeholders `?`, or `$n` for PostgreSQL): a
 * conversation goes when it is older than the cut-off, past the count, or past the byte total
 * counted from the most recently used down. The newest is never removed for bytes alone (one
 * conversation over the limit is kept until a newer one exists), nor one a turn holds.
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
