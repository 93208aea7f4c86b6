import { createHash, timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { HostHttpError } from './errors.js';
import { SlidingWindow } from './sliding-window.js';

export interface AccessOptions {
  /** Accepted bearer keys (`MMSKILLS_API_KEYS`, comma-separated). Required when bound beyond loopback. */
  apiKeys: string[];
  /** Requests per minute per key, and per client address for requests without a valid key. */
  perMinute: number;
  /**
   * Behind a reverse proxy of the operator's (`MMSKILLS_TRUST_PROXY=1`): the client is the address
   * the proxy appended to `X-Forwarded-For`. Otherwise that header is the client's own words, and
   * any client could pick a fresh budget with it.
   */
  trustProxy?: boolean;
}

// The page and its static files hold no data and no secret: a browser must load them to ask
// for the key at all. `/health` stays open so process supervisors can probe it.
const OPEN = /^\/(health|web\/[\w.-]+)?$/;

const digest = (text: string) => createHash('sha256').update(text).digest();

function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    // app.request() in tests has no socket.
    return 'local';
  }
}

/**
 * API keys and a rate limit (a sliding one-minute window) on everything but {@link OPEN}: per key
 * for valid keys, per client address for the rest, wrong keys included, so guessing keys is
 * limited too. Keys are compared as SHA-256 digests in constant time.
 */
export function accessControl(options: AccessOptions): MiddlewareHandler {
  const windows = new Map<string, SlidingWindow>();
  const keys = options.apiKeys.map(digest);
  const spend = (who: string) => {
    const now = Date.now();
    let window = windows.get(who);
    if (!window) {
      window = new SlidingWindow(options.perMinute, 60_000);
      windows.set(who, window);
      if (windows.size > 10_000) windows.delete(windows.keys().next().value as string);
    }
    const full = window.spend(now);
    if (full !== undefined) {
      throw new HostHttpError(429, `rate limit of ${options.perMinute} requests per minute reached`, {
        'retry-after': String(Math.ceil(full / 1000)),
      });
    }
  };
  return async (c, next) => {
    if (OPEN.test(c.req.path)) return next();
    const address = `address ${clientAddress(c, options.trustProxy ?? false)}`;
    if (keys.length === 0) {
      spend(address);
      return next();
    }
    const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const presented = given === undefined ? undefined : digest(given);
    const valid = presented !== undefined && keys.some((key) => timingSafeEqual(key, presented));
    if (!valid) {
      spend(address);
      throw new HostHttpError(401, 'an API key is required: send "Authorization: Bearer <key>"');
    }
    spend(`key ${(presented as Buffer).toString('hex')}`);
    await next();
  };
}
