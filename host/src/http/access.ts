import type { MiddlewareHandler } from 'hono';
import { HostHttpError } from './errors.js';

export interface AccessOptions {
  /** Accepted bearer keys (`MMSKILLS_API_KEYS`, comma-separated). Required when bound beyond loopback. */
  apiKeys: string[];
  /** Requests per minute per key (or per client address without keys). */
  perMinute: number;
}

// The page and its static files hold no data and no secret: a browser must load them to ask
// for the key at all. `/health` stays open so process supervisors can probe it.
const OPEN = /^\/(health|web\/[\w.-]+)?$/;

/** API keys and a per-key rate limit (a sliding one-minute window), on everything but {@link OPEN}. */
export function accessControl(options: AccessOptions): MiddlewareHandler {
  const windows = new Map<string, number[]>();
  return async (c, next) => {
    if (OPEN.test(c.req.path)) return next();
    let who = c.req.header('x-forwarded-for') ?? 'local';
    if (options.apiKeys.length > 0) {
      const key = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
      if (!key || !options.apiKeys.includes(key))
        throw new HostHttpError(401, 'an API key is required: send "Authorization: Bearer <key>"');
      who = key;
    }
    const now = Date.now();
    const recent = (windows.get(who) ?? []).filter((time) => now - time < 60_000);
    if (recent.length >= options.perMinute) {
      const retryAfter = String(Math.ceil((60_000 - (now - (recent[0] ?? now))) / 1000));
      throw new HostHttpError(429, `rate limit of ${options.perMinute} requests per minute reached`, {
        'retry-after': retryAfter,
      });
    }
    recent.push(now);
    windows.set(who, recent);
    if (windows.size > 10_000) windows.delete(windows.keys().next().value as string);
    await next();
  };
}
