import type { MiddlewareHandler } from 'hono';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Host names a server bound to `hostname` answers to (any port: a rebinding attack changes the
 * name, not the port). Loopback binds accept every loopback alias.
 */
export function allowedHostsFor(hostname: string, extra: string[] = []): string[] {
  const bound = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
  return [...(isLoopbackName(bound) ? LOOPBACK_NAMES : [bound]), ...extra];
}

/** The name part of a Host header: `127.0.0.1:8080` → `127.0.0.1`, `[::1]:80` → `[::1]`. */
function hostName(header: string): string {
  const lower = header.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  return lower.split(':')[0] ?? lower;
}

export function isLoopbackName(hostname: string): boolean {
  return LOOPBACK_NAMES.includes(hostname) || hostname.startsWith('127.');
}

/**
 * Refuses requests whose Host header is not one this server answers to, and browser requests
 * from other origins: the DNS-rebinding defence the MCP transport spec asks of local servers.
 * A server bound to every interface (`0.0.0.0`) checks Origin only; it relies on API keys.
 */
export function hostOriginGuard(options: {
  allowedHosts: string[] | 'any';
  allowedOrigins?: string[];
}): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host');
    if (options.allowedHosts !== 'any' && (!host || !options.allowedHosts.includes(hostName(host)))) {
      return c.json({ error: `Host "${host ?? ''}" is not allowed` }, 403);
    }
    const origin = c.req.header('origin');
    if (origin && !originAllowed(origin, host, options.allowedOrigins ?? [])) {
      return c.json({ error: `Origin "${origin}" is not allowed` }, 403);
    }
    await next();
  };
}

function originAllowed(origin: string, host: string | undefined, allowed: string[]): boolean {
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
