import { randomUUID } from 'node:crypto';
import { inTransaction } from '@mmskills/core/postgres';
import pg from 'pg';
import { handleNumber, type StoredImage } from '../agent/image-store.js';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.js';
import {
  ageStatement,
  monotonicClock,
  oldestKept,
  overLimits,
  pruneStatement,
  pruneValues,
  retentionDue,
  TOTALS_STATEMENT,
} from './prune.js';
import type { Retention } from './settings.js';
import {
  ConversationBusyError,
  ConversationLostError,
  type ConversationRecord,
  type ConversationStore,
  type TurnChange,
} from './store.js';
import { decodeMessage, encodeMessage } from './stored-message.js';

// An arbitrary constant: serialises the migrations of several hosts starting at once.
const MIGRATION_LOCK = 7_311_903;

interface ImageRow {
  handle: string;
  mime_type: string;
  source: string;
  data: Buffer;
}

/**
 * The shared store: several hosts on one PostgreSQL serve the same conversations. Every value
 * travels as a bind parameter. Lease times are each host's clock, so hosts keep them in step (NTP).
 */
export async function openPostgresConversations(
  connectionString: string,
  options: { retention: Retention; clock?: () => number; maxConnections?: number },
): Promise<ConversationStore> {
  const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 8 });
  // An idle client whose server went away must not end the host; the next query reports it.
  pool.on('error', () => {});
  try {
    await inTransaction(pool, [], async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await migrate(client);
      return { value: undefined };
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  const now = monotonicClock(options.clock);
  const { retention } = options;
  const due = retentionDue(retention);
  const prune = async () => {
    const at = now();
    const old = await pool.query(
      ageStatement((n) => `$${n}`),
      [oldestKept(retention, at), at],
    );
    const sums = (await pool.query<{ count: string; bytes: string }>(TOTALS_STATEMENT)).rows[0];
    const ranked =
      sums && overLimits(retention, sums)
        ? await pool.query(
            pruneStatement((n) => `$${n}`),
            pruneValues(retention, at),
          )
        : undefined;
    return (old.rowCount ?? 0) + (ranked?.rowCount ?? 0);
  };

  const load = async (id: string, firstSeq: number, imageCounter: number): Promise<ConversationRecord> => {
    const [messages, images] = await Promise.all([
      pool.query<{ message: string }>(
        'SELECT message FROM conversation_messages WHERE conversation = $1 ORDER BY seq',
        [id],
      ),
      pool.query<ImageRow>(
        'SELECT handle, mime_type, source, data FROM conversation_images WHERE conversation = $1 ORDER BY number',
        [id],
      ),
    ]);
    return {
      id,
      firstSeq,
      imageCounter,
      messages: messages.rows.map((row) => decodeMessage(row.message)),
      images: images.rows.map(toImage),
    };
  };
  const live = async (id: string) =>
    (
      await pool.query<{ first_seq: number; image_counter: number }>(
        'SELECT first_seq, image_counter FROM conversations WHERE id = $1 AND updated_at >= $2',
        [id, oldestKept(retention, now())],
      )
    ).rows[0];

  return {
    async create() {
      const id = randomUUID();
      const at = now();
      await pool.query('INSERT INTO conversations (id, created_at, updated_at) VALUES ($1, $2, $2)', [
        id,
        at,
      ]);
      if (due(at)) await prune();
      return id;
    },
    async read(id) {
      const row = await live(id);
      return row && load(id, row.first_seq, row.image_counter);
    },
    async claim(id, owner, leaseMs) {
      const at = now();
      const taken = await pool.query<{ first_seq: number; image_counter: number }>(
        `UPDATE conversations SET turn_owner = $1, turn_until = $2
         WHERE id = $3 AND updated_at >= $4 AND (turn_owner IS NULL OR turn_until < $5)
         RETURNING first_seq, image_counter`,
        [owner, at + leaseMs, id, oldestKept(retention, at), at],
      );
      const row = taken.rows[0];
      if (row) return load(id, row.first_seq, row.image_counter);
      if (await live(id)) throw new ConversationBusyError(id);
      return undefined;
    },
    async renew(id, owner, leaseMs) {
      const result = await pool.query(
        'UPDATE conversations SET turn_until = $1 WHERE id = $2 AND turn_owner = $3',
        [now() + leaseMs, id, owner],
      );
      return result.rowCount === 1;
    },
    async commit(id, owner, change) {
      const at = now();
      await inTransaction(pool, [], async (client) => ({
        value: await writeTurn(client, id, owner, change, at),
      }));
      if (due(at)) await prune();
    },
    async image(id, handle) {
      const result = await pool.query<ImageRow>(
        `SELECT i.handle, i.mime_type, i.source, i.data FROM conversation_images i
         JOIN conversations c ON c.id = i.conversation
         WHERE i.conversation = $1 AND i.handle = $2 AND c.updated_at >= $3`,
        [id, handle, oldestKept(retention, now())],
      );
      const row = result.rows[0];
      return row && toImage(row);
    },
    prune,
    async count() {
      const result = await pool.query<{ count: string }>(
        'SELECT count(*) AS count FROM conversations WHERE updated_at >= $1',
        [oldestKept(retention, now())],
      );
      return Number(result.rows[0]?.count ?? 0);
    },
    async close() {
      await pool.end();
    },
  };
}

async function writeTurn(client: pg.PoolClient, id: string, owner: string, change: TurnChange, at: number) {
  const finished = await client.query(
    `UPDATE conversations SET first_seq = $1, next_seq = $2, image_counter = $3,
       updated_at = $4, turn_owner = NULL, turn_until = NULL
     WHERE id = $5 AND turn_owner = $6`,
    [change.firstSeq, change.appendSeq + change.append.length, change.imageCounter, at, id, owner],
  );
  if (finished.rowCount !== 1) throw new ConversationLostError(id);
  await client.query('DELETE FROM conversation_messages WHERE conversation = $1 AND seq < $2', [
    id,
    change.firstSeq,
  ]);
  if (change.append.length > 0)
    await client.query(
      `INSERT INTO conversation_messages (conversation, seq, message)
       SELECT $1, $2 + ordinality - 1, message FROM unnest($3::text[]) WITH ORDINALITY AS m(message, ordinality)`,
      [id, change.appendSeq, change.append.map(encodeMessage)],
    );
  if (change.dropImages.length > 0)
    await client.query(
      'DELETE FROM conversation_images WHERE conversation = $1 AND handle = ANY($2::text[])',
      [id, change.dropImages],
    );
  for (const image of change.addImages)
    await client.query(
      `INSERT INTO conversation_images (conversation, number, handle, mime_type, source, data)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, handleNumber(image.handle), image.handle, image.mimeType, image.source, image.data],
    );
  await client.query(
    `UPDATE conversations SET bytes =
       (SELECT coalesce(sum(octet_length(message)), 0) FROM conversation_messages WHERE conversation = $1)
       + (SELECT coalesce(sum(octet_length(data)), 0) FROM conversation_images WHERE conversation = $1)
     WHERE id = $1`,
    [id],
  );
}

async function migrate(client: pg.PoolClient): Promise<void> {
  await client.query(
    'CREATE TABLE IF NOT EXISTS conversation_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  const { rows } = await client.query<{ version: number }>('SELECT version FROM conversation_migrations');
  const applied = new Set(rows.map((row) => row.version));
  for (const [index, sql] of POSTGRES_MIGRATIONS.entries()) {
    if (applied.has(index + 1)) continue;
    await client.query(sql);
    await client.query('INSERT INTO conversation_migrations (version, applied_at) VALUES ($1, $2)', [
      index + 1,
      new Date().toISOString(),
    ]);
  }
}

function toImage(row: ImageRow): StoredImage {
  return { handle: row.handle, mimeType: row.mime_type, source: row.source, data: row.data };
}
