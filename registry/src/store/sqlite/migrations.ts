/** Schema versions of the SQLite store, applied in order; never edit one that has shipped. */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE versions (
     name TEXT NOT NULL,
     version TEXT NOT NULL,
     server_json TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'active',
     status_message TEXT,
     published_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     is_latest INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (name, version)
   );
   CREATE INDEX versions_listing ON versions (name, published_at, version);
   CREATE INDEX versions_updated ON versions (updated_at);
   CREATE TABLE tools (
     name TEXT NOT NULL,
     version TEXT NOT NULL,
     position INTEGER NOT NULL,
     tool_name TEXT NOT NULL,
     descriptor TEXT NOT NULL,
     PRIMARY KEY (name, version, tool_name),
     FOREIGN KEY (name, version) REFERENCES versions (name, version)
   );
   CREATE VIRTUAL TABLE tools_fts USING fts5(
     name UNINDEXED, version UNINDEXED, tool_name UNINDEXED,
     words, title, description, params,
     tokenize = 'unicode61 remove_diacritics 2'
   );
   CREATE TABLE tokens (
     hash TEXT PRIMARY KEY,
     namespace TEXT NOT NULL,
     created_at TEXT NOT NULL
   );`,
  // Weights of the ranking (name, title, description, parameters) as FTS5's own `rank`, and an
  // index of latest live versions only.
  // (Dropped by the next migration.)
  `INSERT INTO tools_fts (tools_fts, rank) VALUES ('rank', 'bm25(0, 0, 0, 10.0, 6.0, 3.0, 1.0)');
   DELETE FROM tools_fts;`,
  // Tool search moved to the in-memory index (search/tool-index.ts): ranking thousands of FTS5
  // matches per common word cost 30–60 ms a query, and keeping the FTS table slowed every publish.
  `DROP TABLE tools_fts;`,
  // Full-text search again, as the `fts` tool-search engine (sqlite/fts-search.ts): only
  // latest live tools, one row per tool sharing the tools rowid, contentless (the text is in
  // `tools`). `tool_search_state` names the engine that last kept it in step; the FTS engine
  // rebuilds it when that was not itself.
  `CREATE VIRTUAL TABLE tool_fts USING fts5(
     name, title, description, params,
     content = '', contentless_delete = 1,
     tokenize = 'unicode61 remove_diacritics 2'
   );
   INSERT INTO tool_fts (tool_fts, rank) VALUES ('rank', 'bm25(10.0, 6.0, 3.0, 1.0)');
   CREATE TABLE tool_search_state (id INTEGER PRIMARY KEY CHECK (id = 1), engine TEXT NOT NULL);
   INSERT INTO tool_search_state (id, engine) VALUES (1, 'memory');`,
];
