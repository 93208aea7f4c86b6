import semver from 'semver';
import type { ServerStatus } from './store.js';

export interface VersionFacts {
  version: string;
  publishedAt: string;
  status: ServerStatus;
  /** Whether the store marks it latest now (ignored by `pickLatest`). */
  isLatest?: boolean;
}

/**
 * The version a client gets for `latest`: the highest semver among versions not deleted;
 * versions that are not semver lose to any that are, and tie-break by publication time.
 */
export function pickLatest(versions: readonly VersionFacts[]): string | undefined {
  const live = versions.filter((entry) => entry.status !== 'deleted');
  const ranked = [...live].sort((a, b) => {
    const va = semver.valid(a.version);
    const vb = semver.valid(b.version);
    if (va && vb) return semver.rcompare(va, vb) || b.publishedAt.localeCompare(a.publishedAt);
    if (va) return -1;
    if (vb) return 1;
    return b.publishedAt.localeCompare(a.publishedAt);
  });
  return ranked[0]?.version;
}
