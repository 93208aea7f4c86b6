import { createRegistryApp } from '../../src/app.js';
import { openSqliteStore } from '../../src/store/sqlite/store.js';
import type { ToolSearchKind } from '../../src/store/tool-search.js';

export const ADMIN = 'admin-secret-for-tests';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A registry app over a fresh in-memory SQLite store, with helpers that speak its HTTP API. */
export function registryFixture(options: { toolSearch?: ToolSearchKind } = {}) {
  const store = openSqliteStore(':memory:', options);
  let clock = Date.parse('2026-11-26T10:00:00.000Z');
  const tick = () => {
    clock += 1000;
    return new Date(clock);
  };
  const app = createRegistryApp({ store, auth: { adminToken: ADMIN }, log: quiet, now: tick });
  const call = (method: string, path: string, body?: unknown, token?: string) =>
    app.request(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const tokenFor = async (namespace: string) => {
    const response = await call('POST', '/v0/admin/tokens', { namespace }, ADMIN);
    return ((await response.json()) as { token: string }).token;
  };
  return { app, store, call, tokenFor };
}
