import type { Statement } from '@mmskills/core/postgres';
import type pg from 'pg';
import { ToolIndex } from '../../search/tool-index.js';
import type { ToolSearchEngine } from '../tool-search.js';
import { CHANGES_CHANNEL } from './change-feed.js';
import { IndexSync } from './index-sync.js';

/**
 * The `memory` engine on PostgreSQL: an in-memory index per process. A write that moves a latest
 * version sends `NOTIFY mmskills_tools` with its commit; every process re-reads that server
 * (`IndexSync`), this one as soon as its commit returns.
 */
export async function postgresMemorySearch(options: {
  pool: pg.Pool;
  connectionString: string;
  schema: string;
  ownBackends: ReadonlySet<number>;
}): Promise<ToolSearchEngine<pg.PoolClient, Promise<Statement[]>>> {
  // This engine does not keep `tool_search`: each of its writes tells an FTS engine opened later to
  // rebuild it (one row, changed only when an FTS engine has marked it since; only a write does,
  // so `token create` beside an FTS registry changes nothing).
  const index = new ToolIndex();
  const sync = await IndexSync.start({ index, ...options });
  return {
    kind: 'memory',
    async moved(_db, { name }) {
      return [
        {
          name: 'memory-moved',
          text: `WITH marked AS (UPDATE tool_search_state SET engine = 'memory' WHERE engine <> 'memory')
            SELECT pg_notify($1, json_build_array(current_schema(), $2::text)::text)`,
          values: [CHANGES_CHANNEL, name],
        },
      ];
    },
    async committed({ name }) {
      // The version is committed whatever happens next; a failed refresh makes the next search reload.
      await sync.refresh(name).catch(() => undefined);
    },
    async search(query, limit) {
      await sync.ready();
      return index.search(query, limit);
    },
    close: () => sync.close(),
  };
}
