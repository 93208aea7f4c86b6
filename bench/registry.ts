// Registry benchmark: a store of 10,000 skills / 50,000 tools published over HTTP, then list-page and
// tool-search latency, against SQLite and (when MMSKILLS_BENCH_DATABASE_URL is set) PostgreSQL, each
// run in a fresh schema, with each tool-search engine (memory, fts), then status changes that move
// latest versions. The registry runs as its own process; this process is the load generator on
// 127.0.0.1 (node:http with keep-alive, so the client's own cost stays small beside the server's).
// Run: npm run bench:registry [-- --quick] [-- --skills N] [-- --store sqlite|postgres|both]
//        [-- --tool-search memory|fts|both] [-- --profile <dir>] [-- --bin <registry bin.ts>]
// --quick: 2,000 skills and 500 searches; --profile: the registry writes a V8 CPU profile there;
// --bin: another checkout's registry/src/bin.ts; --baseline <bin.ts>: also run that one beside each
// store and engine's run, so two versions are compared under the same machine load.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { tsxArgs } from '@mmskills/core/testing';
import { spawnListening } from '@mmskills/skill-kit/testing';
import pg from 'pg';
import { machine } from './lib/machine.js';
import { summarise, timedPool } from './lib/stats.js';
import { manifest, QUERIES, TOOLS_PER_SKILL, variedQuery } from './registry-workload.js';

const { values } = parseArgs({
  options: {
    skills: { type: 'string' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'string' },
    bin: { type: 'string', default: 'registry/src/bin.ts' },
    baseline: { type: 'string' },
    store: { type: 'string', default: 'both' },
    'tool-search': { type: 'string', default: 'both' },
    out: { type: 'string', default: 'bench/results/registry.json' },
  },
});
const SKILLS = Number(values.skills ?? (values.quick ? 2000 : 10000));
const SEARCHES = values.quick ? 500 : 2000;
const ADMIN = 'bench-admin-token';
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

function request(url: string, init: { method?: string; body?: string } = {}) {
  const headers: Record<string, string | number> = init.body
    ? {
        authorization: `Bearer ${ADMIN}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(init.body),
      }
    : {};
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const outgoing = http.request(url, { method: init.method ?? 'GET', agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
      );
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}

/** CPU seconds a process has used (Linux /proc), to report server CPU per request beside latency. */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Resident memory of a process in MiB (Linux /proc), e.g. to see what the search index holds. */
function rssMiB(pid: number | undefined): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(
    pid === undefined ? '' : readFileSync(`/proc/${pid}/status`, 'utf8'),
  );
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}

async function freshSchema(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `bench_${process.pid}_${Date.now()}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await run(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return { url: scoped.toString(), drop: () => run(`DROP SCHEMA ${schema} CASCADE`) };
}

type Engine = 'memory' | 'fts';

async function benchStore(kind: 'sqlite' | 'postgres', engine: Engine, entry: string, databaseUrl?: string) {
  const data = mkdtempSync(join(tmpdir(), 'bench-registry-'));
  const env = {
    ...process.env,
    MMSKILLS_REGISTRY_ADMIN_TOKEN: ADMIN,
    MMSKILLS_REGISTRY_TOOL_SEARCH: engine,
    DATABASE_URL: databaseUrl ?? '',
  };
  const bin = [
    ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []),
    ...tsxArgs(entry),
    '--port',
    '0',
    '--data',
    data,
    '--no-seed',
  ];
  const started = performance.now();
  let server = await spawnListening(bin, env);
  const emptyStartMs = performance.now() - started;
  const loadBefore = loadavg();
  // Each phase: its latencies, and the server's CPU time per request (less sensitive to load).
  const phase = async (count: number, concurrency: number, task: (i: number) => Promise<void>) => {
    const cpu = cpuSeconds(server.child.pid);
    const timed = await timedPool(count, concurrency, task);
    const cpuMs = ((cpuSeconds(server.child.pid) - cpu) * 1000) / count;
    return { ...timed, summary: { concurrency, ...summarise(timed.times), server_cpu_ms: round2(cpuMs) } };
  };
  try {
    const publish = await phase(SKILLS, 8, async (i) => {
      const body = JSON.stringify(manifest(i));
      const response = await request(`${server.url}/v0/publish`, { method: 'POST', body });
      if (response.status !== 201) throw new Error(`publish ${i}: ${response.status} ${response.text}`);
    });
    let cursor: string | undefined;
    const pages = await phase(500, 4, async () => {
      const response = await request(`${server.url}/v0/servers?limit=30${cursor ? `&cursor=${cursor}` : ''}`);
      cursor = (JSON.parse(response.text) as { metadata: { nextCursor?: string } }).metadata.nextCursor;
    });
    const searchFor = (query: (i: number) => string) => async (i: number) => {
      const q = encodeURIComponent(query(i));
      const response = await request(`${server.url}/v0/tools?q=${q}&limit=10`);
      if ((JSON.parse(response.text) as { tools: unknown[] }).tools.length === 0)
        throw new Error(`no hits for ${q}`);
    };
    const search = await phase(
      SEARCHES,
      4,
      searchFor((i) => QUERIES[i % QUERIES.length] as string),
    );
    const varied = await phase(SEARCHES, 4, searchFor(variedQuery));
    // The floor: a 404 that touches no store, i.e. what HTTP on this machine costs right now.
    const floor = await phase(SEARCHES, 4, async () => {
      await request(`${server.url}/v0/nothing-here`);
    });
    // Status changes that each move a server's latest version: away (deleted), then back (active).
    const moves = Math.min(SKILLS, SEARCHES / 2);
    const status = await phase(moves * 2, 8, async (i) => {
      const name = encodeURIComponent(manifest(i % moves).server.name);
      const body = JSON.stringify({ status: i < moves ? 'deleted' : 'active' });
      const url = `${server.url}/v0/servers/${name}/versions/1.0.0/status`;
      const response = await request(url, { method: 'PATCH', body });
      if (response.status !== 200) throw new Error(`status ${i}: ${response.status} ${response.text}`);
    });
    const loadAfter = loadavg();
    const rss = rssMiB(server.child.pid);
    await server.stop();
    const restarted = performance.now();
    server = await spawnListening(bin, env);
    const fullStartMs = performance.now() - restarted;
    return {
      store: kind,
      tool_search_engine: engine,
      bin: entry,
      skills: SKILLS,
      tools: SKILLS * TOOLS_PER_SKILL,
      publish: { per_second: Math.round(SKILLS / publish.seconds), ...publish.summary },
      list_page: pages.summary,
      tool_search: { queries: QUERIES.length, ...search.summary },
      tool_search_varied: {
        queries: new Set(Array.from({ length: SEARCHES }, (_, i) => variedQuery(i))).size,
        ...varied.summary,
      },
      http_floor_404: floor.summary,
      status_change: { per_second: Math.round((moves * 2) / status.seconds), ...status.summary },
      start_ms: { empty: Math.round(emptyStartMs), full: Math.round(fullStartMs) },
      server_rss_mib: rss,
      load_average: { before: loadBefore.map(round2), after: loadAfter.map(round2) },
    };
  } finally {
    await server.stop();
  }
}

function round2(value: number) {
  return Math.round(value * 100) / 100;
}

async function benchKind(kind: 'sqlite' | 'postgres', engine: Engine, entry: string) {
  if (kind === 'sqlite') return benchStore(kind, engine, entry);
  const schema = await freshSchema(process.env.MMSKILLS_BENCH_DATABASE_URL as string);
  try {
    return await benchStore(kind, engine, entry, schema.url);
  } finally {
    await schema.drop();
  }
}

const kinds = (['sqlite', 'postgres'] as const).filter((kind) =>
  kind === 'sqlite'
    ? values.store !== 'postgres'
    : values.store !== 'sqlite' && process.env.MMSKILLS_BENCH_DATABASE_URL,
);
const engines = (['memory', 'fts'] as const).filter(
  (engine) => values['tool-search'] === 'both' || values['tool-search'] === engine,
);
const results = [];
const baseline: Awaited<ReturnType<typeof benchKind>>[] = [];
// Each store's engines run back to back, each beside the baseline with the same engine (before it
// for the first engine, after it for the second, so a load that rises or falls through the run does
// not always favour one), so the two are compared under the same machine load. A bin from before
// the engines existed ignores the setting and runs its only one.
for (const kind of kinds) {
  for (const [index, engine] of engines.entries()) {
    const runBaseline = async () => {
      if (values.baseline) baseline.push(await benchKind(kind, engine, values.baseline));
    };
    if (index % 2 === 0) await runBaseline();
    results.push(await benchKind(kind, engine, values.bin));
    if (index % 2 === 1) await runBaseline();
  }
}
agent.destroy();
const report = {
  benchmark: 'registry',
  machine: machine(),
  bin: values.bin,
  goals: { tool_search_p95_ms: 10, publish_per_second: 500 },
  results,
  ...(values.baseline ? { baseline: { bin: values.baseline, results: baseline } } : {}),
};
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
