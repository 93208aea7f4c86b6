import type { ToolDescriptor } from '@mmskills/core';
import { z } from 'zod';
import type { ToolHit } from './store.js';

/**
 * Which engine answers `GET /v0/tools?q=`: `memory`, an in-memory BM25F index per process, or
 * `fts`, the database's own full text (SQLite FTS5 `bm25()`, PostgreSQL `ts_rank`).
 * @see ../../README.md#tool-search
 */
export const ToolSearchKindSchema = z.enum(['memory', 'fts']);
export type ToolSearchKind = z.infer<typeof ToolSearchKindSchema>;
export const DEFAULT_TOOL_SEARCH: ToolSearchKind = 'memory';

/** Server `name`'s latest live version moved from `previous` to `latest` (undefined: none). */
export interface LatestMove {
  name: string;
  previous: string | undefined;
  latest: string | undefined;
  /** The latest version's tools (and their stored JSON), when the write that moved it has them at hand. */
  tools?: { parsed: readonly ToolDescriptor[]; json?: readonly string[] };
}

/**
 * How a store searches its tools: one implementation per engine and store
 * (`sqlite/memory-search.ts`, `sqlite/fts-search.ts`, `postgres/…`), all held to the tool-search
 * cases of `test/store.contract.ts`. Stores call `moved` inside the write that moved a server's
 * latest version (so what the engine keeps in the database commits or rolls back with it) and
 * `committed` once it is durable. `Tx` is the store's handle on that write; `Work` is what
 * `moved` gives back (the PostgreSQL store sends the statements it returns with COMMIT).
 */
export interface ToolSearchEngine<Tx, Work> {
  readonly kind: ToolSearchKind;
  moved(tx: Tx, move: LatestMove): Work;
  committed(move: LatestMove): void | Promise<void>;
  /** The tools of every server's latest live version, best match first, at most `limit`. */
  search(query: string, limit: number): Promise<ToolHit[]>;
  close(): Promise<void>;
}
