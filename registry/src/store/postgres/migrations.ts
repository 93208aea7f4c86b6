// JSON rather than JSONB keeps documents byte-for-byte as published (JSONB reorders keys);
// "C" collation makes list order and cursors match the SQLite store's.
/** Schema versions of the PostgreSQL store, applied in order; never edit one that has shipped. */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `CREATE TABLE versions (
     name TEXT COLLATE "C" NOT NULL,
     version TEXT COLLATE "C" NOT NULL,
     server_json JSON NOT NULL,
     status TEXT NOT NULL DEFAULT 'active',
     status_message TEXT,
     published_at TEXT COLLATE "C" NOT NULL,
     updated_at TEXT NOT NULL,
     is_latest BOOLEAN NOT NULL DEFAULT FALSE,
     PRIMARY KEY (name, version)
   );
   CREATE INDEX versions_listing ON versions (name, published_at, version);
   CREATE INDEX versions_updated ON versions (updated_at);
   CREATE TABLE tools (
     name TEXT COLLATE "C" NOT NULL,
     version TEXT COLLATE "C" NOT NULL,
     position INTEGER NOT NULL,
     tool_name TEXT NOT NULL,
     descriptor JSON NOT NULL,
     document TSVECTOR NOT NULL,
     PRIMARY KEY (name, version, tool_name),
     FOREIGN KEY (name, version) REFERENCES versions (name, version)
   );
   CREATE INDEX tools_document ON tools USING GIN (document);
   CREATE TABLE tokens (
     hash TEXT PRIMARY KEY,
     namespace TEXT NOT NULL,
     created_at TEXT NOT NULL
   );`,
  // Only each server's latest live version is searched: a flag and a partial index, so a search
  // never joins versions.
  `ALTER TABLE tools ADD COLUMN searchable BOOLEAN NOT NULL DEFAULT FALSE;
   UPDATE tools t SET searchable = TRUE FROM versions v
     WHERE v.name = t.name AND v.version = t.version AND v.is_latest AND v.status <> 'deleted';
   CREATE INDEX tools_searchable ON tools USING GIN (document) WHERE searchable;`,
  // Tool search moved to the in-memory index (search/tool-index.ts): ts_rank over thousands of
  // matches per common word cost 50–150 ms a query, and the tsvectors slowed every publish.
  `DROP INDEX tools_searchable;
   DROP INDEX tools_document;
   ALTER TABLE tools DROP COLUMN searchable, DROP COLUMN document;`,
  // Full-text search again, as the `fts` tool-search engine (postgres/fts-search.ts): a table of
  // latest live tools only, so the GIN index holds nothing a search must skip.
  // `tool_search_state` names the engine that last kept it in step; the FTS engine rebuilds it
  // when that was not itself.
  `CREATE TABLE tool_search (
     name TEXT COLLATE "C" NOT NULL,
     position INTEGER NOT NULL,
     version TEXT COLLATE "C" NOT NULL,
     tool_name TEXT NOT NULL,
     document TSVECTOR NOT NULL,
     PRIMARY KEY (name, position)
   );
   CREATE INDEX tool_search_document ON tool_search USING GIN (document);
   CREATE TABLE tool_search_state (id INTEGER PRIMARY KEY CHECK (id = 1), engine TEXT NOT NULL);
   INSERT INTO tool_search_state (id, engine) VALUES (1, 'memory');`,
];
