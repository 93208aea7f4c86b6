import { z } from 'zod';

const RANGE_OPERATOR = /[\^~<>=*]|\|\||\s/;
const WILDCARD_PART = /^[xX*]$/;
const VERSION_CHARACTERS = /^[0-9][0-9A-Za-z.+-]*$/;

/**
 * Why `value` is not an exact version (a range, a wildcard or `latest`), or `undefined` when it is one.
 * Mirrors the official MCP registry's refusal of `^1.2.3`, `~1.2.3`, `>=1.2.3`, `1.x`, `1.*`, `latest`.
 */
export function exactVersionProblem(value: string): string | undefined {
  if (value.trim().toLowerCase() === 'latest') return 'must be an exact version, not "latest"';
  if (/^v\d/i.test(value)) return `must be written without the "v", as ${value.slice(1)}`;
  if (RANGE_OPERATOR.test(value)) return `must be an exact version, not a range ("${value}")`;
  // Only the release part can hold wildcards: "1.0.0-x.1" is a valid prerelease.
  const release = value.split(/[-+]/, 1)[0] ?? '';
  if (release.split('.').some((part) => WILDCARD_PART.test(part))) {
    return `must be an exact version, not a wildcard ("${value}")`;
  }
  // A version becomes part of URLs and file names: letters, digits, dots, + and - only.
  if (!VERSION_CHARACTERS.test(value))
    return `must be a version such as 1.0.0 (letters, digits, ".", "+" and "-", starting with a digit), not ${JSON.stringify(value)}`;
  return undefined;
}

/** A version string that names one release: 1–255 characters, no range, wildcard or `latest`. */
export const ExactVersionSchema = z
  .string()
  .min(1)
  .max(255)
  .superRefine((value, ctx) => {
    const problem = exactVersionProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });
