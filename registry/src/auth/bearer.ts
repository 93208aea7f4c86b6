import type { Context } from 'hono';
import { RegistryError } from '../errors.js';
import type { RegistryStore } from '../store/store.js';
import { hashToken, ownsName, sameSecret } from './tokens.js';

/** Who is calling: the operator (admin token) or the holder of one namespace. */
export type Caller = { kind: 'admin' } | { kind: 'publisher'; namespace: string };

export interface AuthConfig {
  /** From `MMSKILLS_REGISTRY_ADMIN_TOKEN`; without one, admin routes are closed. */
  adminToken?: string;
}

/** Resolves the bearer token of a request, or answers 401. */
export async function authenticate(c: Context, store: RegistryStore, auth: AuthConfig): Promise<Caller> {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new RegistryError(401, 'missing bearer token: send "Authorization: Bearer <token>"');
  const token = match[1];
  if (auth.adminToken && sameSecret(token, auth.adminToken)) return { kind: 'admin' };
  const found = await store.findToken(hashToken(token));
  if (!found) throw new RegistryError(401, 'unknown token');
  return { kind: 'publisher', namespace: found.namespace };
}

export function requireAdmin(caller: Caller): void {
  if (caller.kind !== 'admin') throw new RegistryError(403, 'this needs the registry admin token');
}

export function requireOwner(caller: Caller, serverName: string): void {
  if (caller.kind === 'admin' || ownsName(caller.namespace, serverName)) return;
  throw new RegistryError(403, `your token may publish only under ${caller.namespace}/, not ${serverName}`);
}
