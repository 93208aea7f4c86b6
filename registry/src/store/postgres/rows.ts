import type { VersionFacts } from '../latest.js';
import type { ServerRecord, ServerStatus } from '../store.js';

/** A row of `versions` as node-postgres reads it. */
export interface VersionRow {
  name: string;
  version: string;
  server_json: ServerRecord['server'];
  status: ServerStatus;
  status_message: string | null;
  published_at: string;
  updated_at: string;
  is_latest: boolean;
}

/** The order of `listVersions`: newest publication first, compared as PostgreSQL's "C" collation does (bytes). */
export function byNewest(a: VersionRow, b: VersionRow): number {
  const key = (row: VersionRow) => Buffer.from(`${row.published_at}\u0000${row.version}`);
  return Buffer.compare(key(b), key(a));
}

export function versionFacts(row: VersionRow): VersionFacts {
  return { version: row.version, publishedAt: row.published_at, status: row.status, isLatest: row.is_latest };
}

export function toRecord(row: VersionRow): ServerRecord {
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
