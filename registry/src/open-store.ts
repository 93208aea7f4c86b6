import { join } from 'node:path';
import { openPostgresStore } from './store/postgres/store.js';
import { openSqliteStore } from './store/sqlite/store.js';
import type { RegistryStore } from './store/store.js';

/** PostgreSQL when a database URL is given, else the embedded SQLite file under `dataDir`. */
export async function openStore(options: { databaseUrl?: string; dataDir: string }): Promise<RegistryStore> {
  if (options.databaseUrl) return openPostgresStore(options.databaseUrl);
  return openSqliteStore(join(options.dataDir, 'registry.db'));
}
