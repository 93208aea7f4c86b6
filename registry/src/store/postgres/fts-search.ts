import type { ToolDescriptor } from '@mmskills/core';
import { inTransaction, type Statement } from '@mmskills/core/postgres';
import type pg from 'pg';
import { TS_RANK_WEIGHTS, tsQuery, tsvectorLiteral, twoPassSearch } from '../../search/fts-query.js';
import type { ToolSearchEngine } from '../tool-search.js';

type Hit = { name: string; version: string; position: number; descriptor: ToolDescriptor; rank: number };

// ts_rank normalisation 1: divide by 1 + log(document length), as BM25 favours short documents.
const SEARCH = `SELECT s.name, s.version, s.position, t.descriptor, s.rank FROM (
    SELECT name, version, tool_name, position, ts_rank($3::real[], document, q, 1) AS rank
    FROM tool_search, CAST($1 AS tsquery) q WHERE document @@ q
    ORDER BY rank DESC, name, position LIMIT $2) s
  JOIN tools t ON t.name = s.name AND t.version = s.version AND t.tool_name = s.tool_name
  ORDER BY s.rank DESC, s.name, s.position`;

/**
 * The `fts` engine on PostgreSQL: `tool_search` holds a weighted `tsvector` of each latest live
 * tool (GIN-indexed), changed in the transaction that moves the version, ranked by `ts_rank`.
 * Documents are built here from the same words as the in-memory index, so both fold case and
 * diacritics and split `snake_case` alike.
 */
export async function postgresFtsSearch(
  pool: pg.Pool,
): Promise<ToolSearchEngine<pg.PoolClient, Promise<Statement[]>>> {
  await rebuildUnlessCurrent(pool);
  return {
    kind: 'fts',
    async moved(db, { name, latest, tools }) {
      const remove: Statement = {
        name: 'fts-remove',
        text: 'DELETE FROM tool_search WHERE name = $1',
        values: [name],
      };
      if (!latest) return [remove];
      const parsed =
        tools?.parsed ??
        (
          await db.query<{ descriptor: ToolDescriptor }>(
            'SELECT descriptor FROM tools WHERE name = $1 AND version = $2 ORDER BY position',
            [name, latest],
          )
        ).rows.map((row) => row.descriptor);
      if (parsed.length === 0) return [remove];
      const add: Statement = {
        name: 'fts-add',
        text: `INSERT INTO tool_search (name, position, version, tool_name, document)
          SELECT $1, e.position - 1, $2, e.tool_name, e.document
          FROM unnest($3::text[], $4::tsvector[]) WITH ORDINALITY e (tool_name, document, position)`,
        values: [name, latest, parsed.map((tool) => tool.name), parsed.map(tsvectorLiteral)],
      };
      return [remove, add];
    },
    committed() {},
    async search(query, limit) {
      const hits = await twoPassSearch(
        query,
        limit,
        async (terms, match) =>
          (
            await pool.query<Hit>({
              name: 'fts-search',
              text: SEARCH,
              values: [tsQuery(terms, match), limit, TS_RANK_WEIGHTS],
            })
          ).rows,
        (hit) => `${hit.name}\u0000${hit.position}`,
      );
      return hits.map((hit) => ({
        serverName: hit.name,
        version: hit.version,
        tool: hit.descriptor,
        score: Math.round(hit.rank * 1000) / 1000,
      }));
    },
    async close() {},
  };
}

/** A database last served by another engine (or none) is indexed from scratch, once. */
async function rebuildUnlessCurrent(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, [], async (client) => {
    // The row lock makes a second process opening at the same time wait, then see 'fts'.
    const { rows } = await client.query<{ engine: string }>(
      'SELECT engine FROM tool_search_state FOR UPDATE',
    );
    if (rows[0]?.engine === 'fts') return { value: undefined };
    await client.query('DELETE FROM tool_search');
    const latest = await client.query<{
      name: string;
      version: string;
      position: number;
      descriptor: ToolDescriptor;
    }>(
      `SELECT t.name, t.version, t.position, t.descriptor FROM versions v
       JOIN tools t ON t.name = v.name AND t.version = v.version WHERE v.is_latest`,
    );
    const column = <T>(pick: (row: (typeof latest.rows)[number]) => T) => latest.rows.map(pick);
    await client.query(
      `INSERT INTO tool_search (name, position, version, tool_name, document)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::tsvector[])`,
      [
        column((row) => row.name),
        column((row) => row.position),
        column((row) => row.version),
        column((row) => row.descriptor.name),
        column((row) => tsvectorLiteral(row.descriptor)),
      ],
    );
    return { value: undefined, beforeCommit: [{ text: "UPDATE tool_search_state SET engine = 'fts'" }] };
  });
}
