import { randomBytes } from 'node:crypto';

// W3C Trace Context, version 00: `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`.
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ZEROS = /^0+$/;

/**
 * A `traceparent` value if it is a valid W3C one, else undefined: MCP 2026-07-28 carries it in a
 * request's `_meta`, HTTP in a header, and either may hold anything a client wrote.
 */
export function validTraceparent(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TRACEPARENT.exec(value);
  if (!match || ZEROS.test(match[1] as string) || ZEROS.test(match[2] as string)) return undefined;
  return value;
}

/** The trace id of a valid `traceparent`, for log lines. */
export function traceIdOf(traceparent: string): string {
  return traceparent.slice(3, 35);
}

/**
 * A `traceparent` for a call made on behalf of `parent`: the same trace and flags, a new parent
 * id. Without a parent it starts a trace (not sampled: this process records no spans itself).
 */
export function childTraceparent(parent?: string): string {
  const span = randomBytes(8).toString('hex');
  const valid = validTraceparent(parent);
  if (!valid) return `00-${randomBytes(16).toString('hex')}-${span}-00`;
  return `00-${traceIdOf(valid)}-${span}-${valid.slice(53, 55)}`;
}
