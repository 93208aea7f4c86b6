import type { Statement, TransactionWork } from '@mmskills/core/postgres';
import type pg from 'pg';
import type { VersionFacts } from '../latest.js';
import { changes, storedMessage } from '../status-change.js';
import type { ServerStatus } from '../store.js';
import type { LatestMove } from '../tool-search.js';
import { type VersionRow, versionFacts } from './rows.js';

interface Outcome {
  /** The versions asked about, as they are after the change. */
  asked: VersionRow[];
  changed: Set<string>;
  move?: LatestMove;
}

/** What a status change needs of the store: its name lock, its move of latest, its search engine. */
export interface StatusDeps {
  locked: <T>(name: string, work: (db: pg.PoolClient) => Promise<TransactionWork<T>>) => Promise<T>;
  latestChange: (
    db: pg.PoolClient,
    name: string,
    versions: readonly VersionFacts[],
  ) => Promise<{ move?: LatestMove; statements?: Statement[] }>;
  committed: (move: LatestMove) => void | Promise<void>;
}

/**
 * Sets `status` on those of `name`'s versions (only `version` when given) it changes, under the
 * name's lock. The versions are read once; the UPDATE, the move of latest and COMMIT then go in
 * one round trip, and what is answered is computed from the rows read, not read back.
 */
export function statusChanger({ locked, latestChange, committed }: StatusDeps) {
  return async (
    name: string,
    version: string | undefined,
    status: ServerStatus,
    message: string | undefined,
    now: string,
  ): Promise<Outcome> => {
    const outcome = await locked(name, async (db): Promise<TransactionWork<Outcome>> => {
      const { rows } = await db.query<VersionRow>({
        name: 'versions-of',
        text: 'SELECT * FROM versions WHERE name = $1',
        values: [name],
      });
      const isAsked = (row: VersionRow) => version === undefined || row.version === version;
      const changed = new Set(
        rows
          .filter(
            (row) =>
              isAsked(row) &&
              changes({ status: row.status, statusMessage: row.status_message }, status, message),
          )
          .map((row) => row.version),
      );
      if (changed.size === 0) return { value: { asked: rows.filter(isAsked), changed } };
      const after = rows.map((row) =>
        changed.has(row.version)
          ? { ...row, status, status_message: storedMessage(message), updated_at: now }
          : row,
      );
      const { move, statements = [] } = await latestChange(db, name, after.map(versionFacts));
      const update: Statement = {
        name: 'set-status',
        text: `UPDATE versions SET status = $1, status_message = $2, updated_at = $3
          WHERE name = $4 AND version = ANY($5::text[])`,
        values: [status, storedMessage(message), now, name, [...changed]],
      };
      const asked = after
        .filter(isAsked)
        .map((row) => (move ? { ...row, is_latest: row.version === move.latest } : row));
      return { value: { asked, changed, move }, beforeCommit: [update, ...statements] };
    });
    if (outcome.move) await committed(outcome.move);
    return outcome;
  };
}
