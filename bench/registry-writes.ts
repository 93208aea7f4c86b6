// The PostgreSQL store's writes, this registry against a baseline checkout's, in this process (no
// HTTP), with each tool-search engine:
// 1. Round trips: through a TCP proxy that holds every chunk --delay ms each way, sequential
//    publishes, then status changes that move the latest version away (deleted) and back (active).
//    A write's median time over twice the delay is about its round trips, whatever the load.
// 2. Cost: --writes publishes and as many status changes, 8 in flight, straight to PostgreSQL, in
//    --rounds rounds whose order alternates (baseline first, then this first…) so that the load's
//    drift falls on both. Per write: wall time, this process's CPU, and PostgreSQL's CPU (every
//    process named postgres on the machine, from /proc).
// Run: MMSKILLS_BENCH_DATABASE_URL=… node --conditions=@mmskills/source --import tsx \
//        bench/registry-writes.ts --baseline <other checkout>/registry [--delay 5] [--writes 2000]
//        [--rounds 4]
// Prints medians over rounds as JSON, with the load average; writes no results file.
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type SkillManifest, validateSkillManifest } from '@mmskills/core';
import pg from 'pg';
import type { openPostgresStore } from '../registry/src/store/postgres/store.js';
import { machine } from './lib/machine.js';
import { percentile } from './lib/stats.js';
import { manifest } from './registry-workload.js';

const { values } = parseArgs({
  options: {
    baseline: { type: 'string' },
    delay: { type: 'string', default: '5' },
    writes: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '4' },
  },
});
const DELAY = Number(values.delay);
const WRITES = Number(values.writes);
const target = new URL(process.env.MMSKILLS_BENCH_DATABASE_URL ?? '');
const trees = { this: 'registry', ...(values.baseline ? { baseline: values.baseline } : {}) };
const engines = ['memory', 'fts'] as const;
const round2 = (value: number) => Math.round(value * 100) / 100;

const proxy = net.createServer((client) => {
  const server = net.connect(Number(target.port || 5432), target.hostname);
  // Without these, Nagle's algorithm would hold back the second of two small writes.
  client.setNoDelay(true);
  server.setNoDelay(true);
  client.on('data', (chunk) => setTimeout(() => server.write(chunk), DELAY));
  server.on('data', (chunk) => setTimeout(() => client.write(chunk), DELAY));
  client.on('close', () => server.destroy());
  server.on('close', () => client.destroy());
  client.on('error', () => undefined);
  server.on('error', () => undefined);
});
await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', listening));

// Checked as the registry checks a publication, before any timing.
const publications: SkillManifest[] = Array.from({ length: WRITES }, (_, i) => {
  const checked = validateSkillManifest(manifest(i));
  if (!checked.ok) throw new Error(`manifest ${i}: ${JSON.stringify(checked.issues)}`);
  return checked.value;
});

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  await client.query(sql);
  await client.end();
}

/** `tree`'s store on a fresh schema (through the proxy if `delayed`), and how to drop both. */
async function openStore(tree: string, engine: (typeof engines)[number], delayed: boolean) {
  const { openPostgresStore: open } = (await import(resolve(tree, 'src/store/postgres/store.ts'))) as {
    openPostgresStore: typeof openPostgresStore;
  };
  const schema = `writes_${process.pid}_${Date.now()}`;
  await admin(`CREATE SCHEMA ${schema}`);
  const url = new URL(target);
  if (delayed) url.port = String((proxy.address() as net.AddressInfo).port);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const store = await open(url.toString(), { toolSearch: engine });
  return { store, drop: () => store.close().then(() => admin(`DROP SCHEMA ${schema} CASCADE`)) };
}

function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      total += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/** Runs `write` over `items`, `concurrency` in flight; wall time, p50 and CPU per write. */
async function measure<T>(items: readonly T[], concurrency: number, write: (item: T) => Promise<unknown>) {
  const times: number[] = [];
  const cpu = process.cpuUsage();
  const postgres = postgresCpuMs();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        const t0 = performance.now();
        await write(item);
        times.push(performance.now() - t0);
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    per_second: Math.round(items.length / ((performance.now() - started) / 1000)),
    p50_ms: round2(percentile(times, 50)),
    node_cpu_ms: round2((used.user + used.system) / 1000 / items.length),
    postgres_cpu_ms: round2((postgresCpuMs() - postgres) / items.length),
  };
}

/** Publishes `items`, then moves each one's latest version away and back. */
async function writes(
  store: Awaited<ReturnType<typeof openPostgresStore>>,
  items: SkillManifest[],
  n: number,
) {
  const now = new Date().toISOString();
  const status = (to: 'deleted' | 'active') => (item: SkillManifest) =>
    store.setStatus(item.server.name, item.server.version, to, undefined, now);
  return {
    publish: await measure(items, n, (item) => store.publish({ ...item, now })),
    status_deleted: await measure(items.slice(0, items.length / 2), n, status('deleted')),
    status_active: await measure(items.slice(0, items.length / 2), n, status('active')),
  };
}

const roundTrips = [];
for (const engine of engines)
  for (const [registry, tree] of Object.entries(trees)) {
    const { store, drop } = await openStore(tree, engine, true);
    const each = await writes(store, publications.slice(0, 100), 1);
    await drop();
    const trips = (phase: { p50_ms: number }) => round2(phase.p50_ms / (2 * DELAY));
    roundTrips.push({
      registry,
      tool_search_engine: engine,
      publish: trips(each.publish),
      status_deleted: trips(each.status_deleted),
      status_active: trips(each.status_active),
    });
  }
proxy.close();

const runs: Record<string, Awaited<ReturnType<typeof writes>>[]> = {};
const loadBefore = loadavg();
for (let round = 0; round < Number(values.rounds); round += 1)
  for (const engine of engines) {
    const order = Object.entries(trees);
    // Baseline first in even rounds, this registry first in odd ones.
    for (const [registry, tree] of round % 2 ? order : order.reverse()) {
      const { store, drop } = await openStore(tree, engine, false);
      const key = `${registry} ${engine}`;
      runs[key] = [...(runs[key] ?? []), await writes(store, publications, 8)];
      await drop();
    }
  }
type Measured = Awaited<ReturnType<typeof measure>>;
const medianOf = (list: Measured[]) =>
  Object.fromEntries(
    (Object.keys(list[0] ?? {}) as (keyof Measured)[]).map((field) => [
      field,
      percentile(
        list.map((measured) => measured[field]),
        50,
      ),
    ]),
  );
const cost = Object.entries(runs).map(([key, list]) => {
  const [registry, engine] = key.split(' ');
  return {
    registry,
    tool_search_engine: engine,
    publish: medianOf(list.map((run) => run.publish)),
    status_deleted: medianOf(list.map((run) => run.status_deleted)),
    status_active: medianOf(list.map((run) => run.status_active)),
  };
});
const report = {
  benchmark: 'registry-writes',
  machine: machine(),
  delay_ms: DELAY,
  round_trips: roundTrips,
  writes: WRITES,
  rounds: Number(values.rounds),
  cost,
  load_average: { before: loadBefore.map(round2), after: loadavg().map(round2) },
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
