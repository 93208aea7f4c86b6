import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.js';

function openPair() {
  const file = join(mkdtempSync(join(tmpdir(), 'group-commit-')), 'test.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE items (n INTEGER PRIMARY KEY)');
  return { db, reader: new Database(file, { readonly: true }) };
}

describe('groupCommit', () => {
  it('commits the writes of one turn together; a failing write rolls back alone and rejects alone', async () => {
    const { db, reader } = openPair();
    const seenByReader: number[][] = [];
    const committed: number[] = [];
    const insert = groupCommit(
      db,
      (n: number) => {
        db.prepare('INSERT INTO items (n) VALUES (?)').run(n);
        seenByReader.push(reader.prepare<[], number>('SELECT n FROM items').pluck().all());
        if (n === 2) throw new Error('two is refused after its insert');
        return n * 10;
      },
      (value) => committed.push(value),
    );
    const results = await Promise.allSettled([insert(1), insert(2), insert(3)]);
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value : 'rejected'))).toEqual([
      10,
      'rejected',
      30,
    ]);
    // Nothing was visible to another connection until the whole batch committed.
    expect(seenByReader).toEqual([[], [], []]);
    expect(reader.prepare('SELECT n FROM items ORDER BY n').pluck().all()).toEqual([1, 3]);
    expect(committed).toEqual([10, 30]);
    db.close();
    reader.close();
  });

  it('answers a caller only once its write is visible to other connections', async () => {
    const { db, reader } = openPair();
    const insert = groupCommit(
      db,
      (n: number) => db.prepare('INSERT INTO items (n) VALUES (?)').run(n).changes,
      () => undefined,
    );
    for (const n of [1, 2, 3]) {
      await insert(n);
      expect(reader.prepare('SELECT count(*) FROM items').pluck().get()).toBe(n);
    }
    db.close();
    reader.close();
  });
});
