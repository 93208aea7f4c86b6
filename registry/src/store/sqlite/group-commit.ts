import type Database from 'better-sqlite3';

type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Runs the writes that arrive in one turn of the event loop in one transaction (group commit):
 * one WAL append and one commit per batch instead of per write. Each write runs in its own
 * savepoint, so one that throws leaves the others in place and rejects only its own caller.
 * `afterCommit` sees each successful write in order once the batch is durable; callers are
 * answered after that, so nothing is acknowledged before it is committed.
 */
export function groupCommit<A, R>(
  db: Database.Database,
  write: (arg: A) => R,
  afterCommit: (value: R, arg: A) => void,
): (arg: A) => Promise<R> {
  let waiting: { arg: A; resolve: (value: R) => void; reject: (error: unknown) => void }[] = [];
  const one = db.transaction(write);
  const all = db.transaction((args: readonly A[]) =>
    args.map((arg): Outcome<R> => {
      try {
        return { ok: true, value: one(arg) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );
  const flush = () => {
    const batch = waiting;
    waiting = [];
    let outcomes: Outcome<R>[];
    try {
      outcomes = all(batch.map((entry) => entry.arg));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => {
      const entry = batch[i] as (typeof batch)[number];
      if (outcome.ok) {
        afterCommit(outcome.value, entry.arg);
        entry.resolve(outcome.value);
      } else entry.reject(outcome.error);
    });
  };
  return (arg) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ arg, resolve, reject });
      if (waiting.length === 1) setImmediate(flush);
    });
}
