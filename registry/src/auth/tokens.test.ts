import { describe, expect, it } from 'vitest';
import { hashToken, NamespaceSchema, newToken, ownsName, sameSecret } from './tokens.js';

describe('tokens', () => {
  it('are random, and stored only as a hash', () => {
    const a = newToken();
    expect(a).toMatch(/^mmsk_[A-Za-z0-9_-]{32}$/);
    expect(newToken()).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).not.toContain(a.slice(5));
  });

  it('compare in constant time, including different lengths', () => {
    expect(sameSecret('secret', 'secret')).toBe(true);
    expect(sameSecret('secret', 'secret2')).toBe(false);
  });

  it('own names inside their namespace only', () => {
    expect(ownsName('io.github.alice', 'io.github.alice/ocr')).toBe(true);
    expect(ownsName('io.github.alice', 'io.github.alicex/ocr')).toBe(false);
    expect(ownsName('io.github.alice', 'io.github.bob/ocr')).toBe(false);
  });

  it.each([
    ['io.github.alice', 'io.github.alice'],
    ['io.github.alice/*', 'io.github.alice'],
    ['io.github.alice/', 'io.github.alice'],
  ])('namespace %s means %s', (given, meant) => {
    expect(NamespaceSchema.parse(given)).toBe(meant);
  });

  it.each(['alice', 'io.github.alice/ocr', '', 'io..x'])('namespace %j is refused', (given) => {
    expect(NamespaceSchema.safeParse(given).success).toBe(false);
  });
});
