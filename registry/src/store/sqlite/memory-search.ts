import type Database from 'better-sqlite3';
import { ToolIndex } from '../../search/tool-index.js';
import type { ToolSearchEngine } from '../tool-search.js';

/**
 * The `memory` engine on SQLite: an in-memory index mirroring what `is_latest` says, loaded at
 * open, updated after each of our commits, and reloaded whole when another connection (another
 * process) has written the file (`PRAGMA data_version` moved).
 */
export function sqliteMemorySearch(db: Database.Database): ToolSearchEngine<Database.Database, void> {
  const latestTools = db.prepare<[], { name: string; version: string; descriptor: string }>(
    `SELECT v.name, v.version, t.descriptor FROM versions v
     JOIN tools t ON t.name = v.name AND t.version = v.version
     WHERE v.is_latest = 1 ORDER BY v.published_at, v.name, t.position`,
  );
  const toolsOf = db
    .prepare<[string, string], string>(
      'SELECT descriptor FROM tools WHERE name = ? AND version = ? ORDER BY position',
    )
    .pluck();
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  // This engine does not keep `tool_fts`: each of its writes tells an FTS engine opened later to
  // rebuild it (one row, changed only when an FTS engine has marked it since; only a write does,
  // so `token create` beside an FTS registry changes nothing).
  const markStale = db.prepare("UPDATE tool_search_state SET engine = 'memory' WHERE engine <> 'memory'");

  const index = new ToolIndex();
  const load = () => {
    index.clear();
    let current: { name: string; version: string; tools: string[] } | undefined;
    for (const row of latestTools.iterate()) {
      if (current?.name !== row.name) {
        if (current) index.setServer(current.name, current.version, current.tools);
        current = { name: row.name, version: row.version, tools: [] };
      }
      current.tools.push(row.descriptor);
    }
    if (current) index.setServer(current.name, current.version, current.tools);
  };
  let seenDataVersion = dataVersion.get();
  load();

  return {
    kind: 'memory',
    moved() {
      markStale.run();
    },
    committed({ name, latest, tools }) {
      if (latest && tools?.json) index.setServer(name, latest, tools.json, tools.parsed);
      else index.setServer(name, latest ?? '', latest ? toolsOf.all(name, latest) : []);
    },
    async search(query, limit) {
      const current = dataVersion.get();
      if (current !== seenDataVersion) {
        seenDataVersion = current;
        load();
      }
      return index.search(query, limit);
    },
    async close() {},
  };
}
