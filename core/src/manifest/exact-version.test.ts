import { describe, expect, it } from 'vitest';
import { ExactVersionSchema, exactVersionProblem } from './exact-version.js';

describe('exactVersionProblem', () => {
  it.each(['1.0.0', '0.1.0', '2.1.0-alpha', '1.0.0-x.1', '1.0.0+build.5', '2024.10.1', '3'])(
    'accepts %s',
    (version) => {
      expect(exactVersionProblem(version)).toBeUndefined();
    },
  );

  it.each([
    ['latest', 'not "latest"'],
    ['LATEST', 'not "latest"'],
    ['^1.0.0', 'not a range'],
    ['~1.2.3', 'not a range'],
    ['>=1.2.3', 'not a range'],
    ['<2', 'not a range'],
    ['=1.0.0', 'not a range'],
    ['1.0.0 || 2.0.0', 'not a range'],
    ['1.0.0 - 2.0.0', 'not a range'],
    ['1.*', 'not a range'],
    ['1.x', 'not a wildcard'],
    ['1.2.X', 'not a wildcard'],
    ['x', 'not a wildcard'],
    ['v1.0.0', 'without the "v", as 1.0.0'],
    ['1.0.0\u0000', 'must be a version such as 1.0.0'],
    ['../../x', 'must be a version such as 1.0.0'],
    ['1.0.0/../../x', 'must be a version such as 1.0.0'],
    ['🚀', 'must be a version such as 1.0.0'],
    ['.1', 'must be a version such as 1.0.0'],
  ])('refuses %s', (version, expected) => {
    expect(exactVersionProblem(version)).toContain(expected);
  });
});

describe('ExactVersionSchema', () => {
  it('refuses an empty string and strings over 255 characters', () => {
    expect(ExactVersionSchema.safeParse('').success).toBe(false);
    expect(ExactVersionSchema.safeParse(`1.0.${'9'.repeat(252)}`).success).toBe(false);
    expect(ExactVersionSchema.safeParse(`1.0.${'9'.repeat(251)}`).success).toBe(true);
  });

  it('reports the reason as the issue message', () => {
    const result = ExactVersionSchema.safeParse('^1.0.0');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be an exact version, not a range ("^1.0.0")');
  });
});
