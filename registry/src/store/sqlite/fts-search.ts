import type { ToolDescriptor } from '@mmskills/core';
import type Database from 'better-sqlite3';
import { fts5Columns, fts5Query, twoPassSearch } from '../../search/fts-query.js';
import type { ToolSearchEngine } from '../tool-search.js';

type Hit = { id: number; name: string; version: string; descriptor: string; rank: number };

/**
 * The `fts` engine on SQLite: FTS5 ranked by `bm25()` with the field weights of migration 4.
 * `tool_fts` holds the latest live tools only, each row under its `tools` rowid, and is changed
 * in the same transaction as the version it follows; other processes see it when they commit.
 */
export function sqliteFtsSearch(db: Database.Database): ToolSearchEngine<Database.Database, void> {
  // Rows are found through the tools key (tool_fts has no column to look a server up by); only the
  // previous latest version's are in it.
  const unindex = db.prepare(
    'DELETE FROM tool_fts WHERE rowid IN (SELECT rowid FROM tools WHERE name = ? AND version = ?)',
  );
  const toolsOf = db.prepare<[string, string], { id: number; descriptor: string }>(
    'SELECT rowid AS id, descriptor FROM tools WHERE name = ? AND version = ? ORDER BY position',
  );
  const insert = db.prepare(
    'INSERT INTO tool_fts (rowid, name, title, description, params) VALUES (?, ?, ?, ?, ?)',
  );
  // FTS5 scores every match before LIMIT; the join reads descriptors for the page only.
  const ranked = db.prepare<[string, number], Hit>(
    `SELECT f.rowid AS id, t.name, t.version, t.descriptor, f.rank
     FROM (SELECT rowid, rank FROM tool_fts WHERE tool_fts MATCH ? ORDER BY rank, rowid LIMIT ?) f
     JOIN tools t ON t.rowid = f.rowid
     ORDER BY f.rank, f.rowid`,
  );

  const index = (name: string, latest: string, parsed?: readonly ToolDescriptor[]) => {
    toolsOf.all(name, latest).forEach(({ id, descriptor }, i) => {
      insert.run(id, ...fts5Columns(parsed?.[i] ?? (JSON.parse(descriptor) as ToolDescriptor)));
    });
  };
  // A database last served by another engine (or none) is indexed from scratch, once.
  db.transaction(() => {
    const state = db.prepare<[], string>('SELECT engine FROM tool_search_state').pluck().get();
    if (state === 'fts') return;
    db.exec('DELETE FROM tool_fts');
    const latest = db.prepare<[], { name: string; version: string }>(
      'SELECT name, version FROM versions WHERE is_latest = 1',
    );
    for (const { name, version } of latest.all()) index(name, version);
    db.prepare("UPDATE tool_search_state SET engine = 'fts'").run();
  }).immediate();

  return {
    kind: 'fts',
    moved(_db, { name, previous, latest, tools }) {
      if (previous) unindex.run(name, previous);
      if (latest) index(name, latest, tools?.parsed);
    },
    committed() {},
    async search(query, limit) {
      const hits = await twoPassSearch(
        query,
        limit,
        async (terms, match) => ranked.all(fts5Query(terms, match), limit),
        (hit) => String(hit.id),
      );
      return hits.map((hit) => ({
        serverName: hit.name,
        version: hit.version,
        tool: JSON.parse(hit.descriptor) as ToolDescriptor,
        // bm25() is lower for better matches.
        score: Math.round(-hit.rank * 1000) / 1000,
      }));
    },
    async close() {},
  };
}
