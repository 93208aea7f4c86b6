import { join } from 'node:path';
import { openPostgresStore } from './store/postgres/store.js';
import { openSqliteStore } from './store/sqlite/store.js';
import type { RegistryStore } from './store/store.js';
import type { ToolSearchKind } from './store/tool-search.js';

/** PostgreSQL when a database URL is given, else the embedded SQLite file under `dataDir`. */
export async function openStore(options: {
  databaseUrl?: string;
  dataDir: string;
  toolSearch?: ToolSearchKind;
}): Promise<RegistryStore> {
  const { toolSearch } = options;
  if (options.databaseUrl) return openPostgresStore(options.databaseUrl, { toolSearch });
  return openSqliteStore(join(options.dataDir, 'registry.db'), { toolSearch });
}
