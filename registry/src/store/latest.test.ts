import { describe, expect, it } from 'vitest';
import { pickLatest, type VersionFacts } from './latest.js';

const v = (
  version: string,
  publishedAt: string,
  status: VersionFacts['status'] = 'active',
): VersionFacts => ({
  version,
  publishedAt,
  status,
});

describe('pickLatest', () => {
  it('orders by semver, not by publication time', () => {
    expect(pickLatest([v('1.10.0', '2026-01-01'), v('1.9.0', '2026-02-01')])).toBe('1.10.0');
  });

  it('skips deleted versions but keeps deprecated ones', () => {
    expect(pickLatest([v('2.0.0', '2026-01-02', 'deleted'), v('1.0.0', '2026-01-01', 'deprecated')])).toBe(
      '1.0.0',
    );
  });

  it('prefers a release over its prerelease and semver over other schemes', () => {
    expect(pickLatest([v('1.0.0-rc.1', '2026-03-01'), v('1.0.0', '2026-01-01')])).toBe('1.0.0');
    expect(pickLatest([v('2026.03.01', '2026-03-01'), v('0.1.0', '2026-01-01')])).toBe('0.1.0');
    expect(pickLatest([v('2026.03', '2026-03-01'), v('2026.01', '2026-01-01')])).toBe('2026.03');
  });

  it('has no latest when every version is deleted', () => {
    expect(pickLatest([v('1.0.0', '2026-01-01', 'deleted')])).toBeUndefined();
  });
});
