import { describe, expect, it } from 'vitest';
import { readPreference, writePreference } from './reasoning.js';

/** Storage as browsers give it, over a Map; `broken` is storage that is disabled or full. */
function storage(broken = false) {
  const items = new Map<string, string>();
  return {
    items,
    getItem(key: string) {
      if (broken) throw new Error('SecurityError: storage is disabled');
      return items.get(key) ?? null;
    },
    setItem(key: string, value: string) {
      if (broken) throw new Error('QuotaExceededError');
      items.set(key, value);
    },
  };
}

describe('the remembered reasoning switch', () => {
  it('shows the reasoning unless it was switched off, and remembers the choice', () => {
    const kept = storage();
    expect(readPreference(kept)).toBe(true);
    writePreference(kept, false);
    expect(kept.items.get('mmskills.showReasoning')).toBe('false');
    expect(readPreference(kept)).toBe(false);
    writePreference(kept, true);
    expect(readPreference(kept)).toBe(true);
  });

  it('still works, showing the reasoning, where storage is missing, disabled or full', () => {
    expect(readPreference(null)).toBe(true);
    expect(readPreference(storage(true))).toBe(true);
    expect(() => writePreference(storage(true), false)).not.toThrow();
    expect(() => writePreference(null, false)).not.toThrow();
  });
});
