// Conversation store: what one chat turn costs in the store (claim = read the conversation back
// and hold it; commit = write the turn, then apply retention, whose statement ranks every
// conversation) with 1,000 and 10,000 conversations stored, SQLite file vs PostgreSQL
// (MMSKILLS_TEST_DATABASE_URL; skipped without it), the two alternated turn by turn.
// Run: node --conditions=@mmskills/source --import tsx bench/conversation-store.ts
//      (writes bench/results/conversation-store.json)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresConversations } from '../host/src/conversations/postgres.js';
import { RetentionSchema } from '../host/src/conversations/settings.js';
import { openSqliteConversations } from '../host/src/conversations/sqlite.js';
import type { ConversationStore } from '../host/src/conversations/store.js';
import { beginTurn } from '../host/src/conversations/turn.js';
import { machine } from './lib/machine.js';
import { summarise } from './lib/stats.js';

const SIZES = [1000, 10_000];
const TURNS = 200;
const bounds = { maxMessages: 40, maxImages: 32, leaseMs: 30_000 };
const retention = RetentionSchema.parse({});
const picture = randomBytes(4096);

async function oneTurn(store: ConversationStore, id: string) {
  const t0 = performance.now();
  const turn = await beginTurn(store, id, bounds);
  if (!turn) throw new Error(`conversation ${id} is missing`);
  const t1 = performance.now();
  const image = turn.conversation.images.add(picture, 'image/png', 'user');
  turn.conversation.append([
    { role: 'user', content: [{ type: 'text', text: `What is in <${image.handle}>?` }] },
    { role: 'assistant', content: 'Thoughts: none. Actions: []. Value: a picture of noise.' },
  ]);
  await turn.finish();
  return { claim: t1 - t0, commit: performance.now() - t1 };
}

async function fill(store: ConversationStore, ids: string[], count: number) {
  while (ids.length < count) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(8, count - ids.length) }, async () => {
        const id = await store.create();
        await oneTurn(store, id);
        return id;
      }),
    );
    ids.push(...batch);
  }
}

const stores: Array<{ name: string; store: ConversationStore; ids: string[] }> = [
  {
    name: 'sqlite',
    store: openSqliteConversations(join(mkdtempSync(join(tmpdir(), 'bench-conv-')), 'c.sqlite'), {
      retention,
    }),
    ids: [],
  },
];
const url = process.env.MMSKILLS_TEST_DATABASE_URL;
if (url) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('DROP SCHEMA IF EXISTS bench_conversations CASCADE; CREATE SCHEMA bench_conversations');
  await admin.end();
  const scoped = new URL(url);
  scoped.searchParams.set('options', '-c search_path=bench_conversations');
  stores.push({
    name: 'postgres',
    store: await openPostgresConversations(scoped.toString(), { retention }),
    ids: [],
  });
}

const loadBefore = loadavg()[0];
const results: Record<string, unknown> = {};
for (const size of SIZES) {
  for (const entry of stores) await fill(entry.store, entry.ids, size);
  const times = new Map(
    stores.map((entry) => [entry.name, { claim: [] as number[], commit: [] as number[] }]),
  );
  for (let i = 0; i < TURNS; i += 1) {
    for (const entry of stores) {
      const id = entry.ids[Math.floor(Math.random() * entry.ids.length)] as string;
      const took = await oneTurn(entry.store, id);
      times.get(entry.name)?.claim.push(took.claim);
      times.get(entry.name)?.commit.push(took.commit);
    }
  }
  for (const [name, taken] of times) {
    results[`${name}_${size}`] = { claim: summarise(taken.claim), commit: summarise(taken.commit) };
    console.log(name, size, 'claim', summarise(taken.claim), 'commit', summarise(taken.commit));
  }
}
for (const entry of stores) await entry.store.close();
const out = {
  machine: machine(),
  load_1m: { before: loadBefore, after: loadavg()[0] },
  turns_per_size: TURNS,
  picture_bytes: picture.length,
  results,
};
writeFileSync('bench/results/conversation-store.json', `${JSON.stringify(out, null, 2)}\n`);
