import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { handleNumber, type StoredImage } from '../agent/image-store.js';
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
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import {
  ConversationBusyError,
  ConversationLostError,
  type ConversationRecord,
  type ConversationStore,
  type TurnChange,
} from './store.js';
import { decodeMessage, encodeMessage } from './stored-message.js';

interface ConversationRow {
  id: string;
  first_seq: number;
  image_counter: number;
}
interface ImageRow {
  handle: string;
  mime_type: string;
  source: string;
  data: Buffer;
}

/**
 * The default store: one SQLite file in WAL mode (`:memory:` for a store that ends with the
 * process). Several processes may open the same file; SQLite serialises their writes.
 */
export function openSqliteConversations(
  file: string,
  options: { retention: Retention; clock?: () => number },
): ConversationStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // First, so that hosts opening one new file at once wait for each other even while switching it to WAL.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const now = monotonicClock(options.clock);
  const { retention } = options;

  const insert = db.prepare('INSERT INTO conversations (id, created_at, updated_at) VALUES (?, ?, ?)');
  const live = db.prepare<[string, number], ConversationRow>(
    'SELECT id, first_seq, image_counter FROM conversations WHERE id = ? AND updated_at >= ?',
  );
  const messagesOf = db
    .prepare<[string], string>(
      'SELECT message FROM conversation_messages WHERE conversation = ? ORDER BY seq',
    )
    .pluck();
  const imagesOf = db.prepare<[string], ImageRow>(
    'SELECT handle, mime_type, source, data FROM conversation_images WHERE conversation = ? ORDER BY number',
  );
  const imageOf = db.prepare<[string, string, number], ImageRow>(
    `SELECT i.handle, i.mime_type, i.source, i.data FROM conversation_images i
     JOIN conversations c ON c.id = i.conversation
     WHERE i.conversation = ? AND i.handle = ? AND c.updated_at >= ?`,
  );
  const take = db.prepare(
    `UPDATE conversations SET turn_owner = ?, turn_until = ?
     WHERE id = ? AND updated_at >= ? AND (turn_owner IS NULL OR turn_until < ?)`,
  );
  const extend = db.prepare('UPDATE conversations SET turn_until = ? WHERE id = ? AND turn_owner = ?');
  const finish = db.prepare(
    `UPDATE conversations SET first_seq = ?, next_seq = ?, image_counter = ?,
       updated_at = ?, turn_owner = NULL, turn_until = NULL
     WHERE id = ? AND turn_owner = ?`,
  );
  const dropMessages = db.prepare('DELETE FROM conversation_messages WHERE conversation = ? AND seq < ?');
  const addMessage = db.prepare(
    'INSERT INTO conversation_messages (conversation, seq, message) VALUES (?, ?, ?)',
  );
  const addImage = db.prepare(
    `INSERT INTO conversation_images (conversation, number, handle, mime_type, source, data)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const dropImage = db.prepare('DELETE FROM conversation_images WHERE conversation = ? AND handle = ?');
  const measure = db.prepare(
    `UPDATE conversations SET bytes =
       (SELECT coalesce(sum(length(CAST(message AS BLOB))), 0) FROM conversation_messages WHERE conversation = @id)
       + (SELECT coalesce(sum(length(data)), 0) FROM conversation_images WHERE conversation = @id)
     WHERE id = @id`,
  );
  const pruneOld = db.prepare(ageStatement(() => '?'));
  const totals = db.prepare<[], { count: number; bytes: number }>(TOTALS_STATEMENT);
  const pruneRun = db.prepare(pruneStatement(() => '?'));
  const countAll = db
    .prepare<[number], number>('SELECT count(*) FROM conversations WHERE updated_at >= ?')
    .pluck();

  const record = (row: ConversationRow): ConversationRecord => ({
    id: row.id,
    firstSeq: row.first_seq,
    imageCounter: row.image_counter,
    messages: messagesOf.all(row.id).map(decodeMessage),
    images: imagesOf.all(row.id).map(toImage),
  });
  const due = retentionDue(retention);
  const prune = () => {
    const at = now();
    const old = pruneOld.run(oldestKept(retention, at), at).changes;
    const sums = totals.get();
    return (
      old + (sums && overLimits(retention, sums) ? pruneRun.run(...pruneValues(retention, at)).changes : 0)
    );
  };

  const claim = db.transaction((id: string, owner: string, leaseMs: number) => {
    const at = now();
    if (take.run(owner, at + leaseMs, id, oldestKept(retention, at), at).changes === 1) {
      const row = live.get(id, oldestKept(retention, at));
      return row && record(row);
    }
    if (live.get(id, oldestKept(retention, at))) throw new ConversationBusyError(id);
    return undefined;
  });
  const commit = db.transaction((id: string, owner: string, change: TurnChange) => {
    const at = now();
    const nextSeq = change.appendSeq + change.append.length;
    if (finish.run(change.firstSeq, nextSeq, change.imageCounter, at, id, owner).changes !== 1)
      throw new ConversationLostError(id);
    dropMessages.run(id, change.firstSeq);
    change.append.forEach((message, i) => {
      addMessage.run(id, change.appendSeq + i, encodeMessage(message));
    });
    for (const handle of change.dropImages) dropImage.run(id, handle);
    for (const image of change.addImages)
      addImage.run(id, handleNumber(image.handle), image.handle, image.mimeType, image.source, image.data);
    measure.run({ id });
  });

  return {
    async create() {
      const id = randomUUID();
      const at = now();
      insert.run(id, at, at);
      if (due(at)) prune();
      return id;
    },
    async read(id) {
      const row = live.get(id, oldestKept(retention, now()));
      return row && record(row);
    },
    async claim(id, owner, leaseMs) {
      return claim(id, owner, leaseMs);
    },
    async renew(id, owner, leaseMs) {
      return extend.run(now() + leaseMs, id, owner).changes === 1;
    },
    async commit(id, owner, change) {
      commit(id, owner, change);
      if (due(now())) prune();
    },
    async image(id, handle) {
      const row = imageOf.get(id, handle, oldestKept(retention, now()));
      return row && toImage(row);
    },
    async prune() {
      return prune();
    },
    async count() {
      return countAll.get(oldestKept(retention, now())) ?? 0;
    },
    async close() {
      db.close();
    },
  };
}

function toImage(row: ImageRow): StoredImage {
  return { handle: row.handle, mimeType: row.mime_type, source: row.source, data: row.data };
}

function migrate(db: Database.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS conversation_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  // IMMEDIATE: two hosts starting on one new file must not both apply the first version.
  db.transaction(() => {
    const applied = new Set(
      db.prepare<[], number>('SELECT version FROM conversation_migrations').pluck().all(),
    );
    SQLITE_MIGRATIONS.forEach((sql, index) => {
      if (applied.has(index + 1)) return;
      db.exec(sql);
      db.prepare('INSERT INTO conversation_migrations (version, applied_at) VALUES (?, ?)').run(
        index + 1,
        new Date().toISOString(),
      );
    });
  }).immediate();
}
