// Registry benchmark: a store of 10,000 skills / 50,000 tools published over HTTP, then list-page and
// tool-search latency, against SQLite and (when MMSKILLS_BENCH_DATABASE_URL is set) PostgreSQL.
// The registry runs as its own process; this process is the load generator on 127.0.0.1.
// Run: npm run bench:registry [-- --skills 10000]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { machine } from './lib/machine.js';
import { spawnServer } from './lib/spawn-server.js';
import { summarise, timedPool } from './lib/stats.js';

const { values } = parseArgs({
  options: {
    skills: { type: 'string', default: '10000' },
    out: { type: 'string', default: 'bench/results/registry.json' },
  },
});
const SKILLS = Number(values.skills);
const TOOLS_PER_SKILL = 5;
const ADMIN = 'bench-admin-token';
const VERBS = [
  'detect',
  'read',
  'segment',
  'count',
  'track',
  'caption',
  'classify',
  'measure',
  'blur',
  'crop',
  'match',
  'describe',
];
const NOUNS = [
  'objects',
  'text',
  'faces',
  'people',
  'cars',
  'animals',
  'plants',
  'signs',
  'logos',
  'tables',
  'charts',
  'receipts',
];
const QUERIES = [
  'read the text on this receipt',
  'find every car',
  'segment the people',
  'blur faces',
  'count animals in the photo',
  'classify plants',
  'describe the chart',
  'detect logos',
  'crop the table',
  'track objects',
];

function manifest(i: number) {
  const name = `io.github.bench/skill-${i}`;
  const tools = Array.from({ length: TOOLS_PER_SKILL }, (_, j) => {
    const verb = VERBS[(i + j) % VERBS.length] as string;
    const noun = NOUNS[(i * 7 + j * 3) % NOUNS.length] as string;
    return {
      name: `${verb}_${noun}_${j}`,
      title: `${verb} ${noun}`,
      description: `Uses model ${i} to ${verb} ${noun} in an image and returns boxes and scores.`,
      inputSchema: {
        type: 'object',
        properties: { image: { type: 'string', description: 'the image' }, min_score: { type: 'number' } },
        required: ['image'],
      },
    };
  });
  const server = {
    name,
    description: `Benchmark skill ${i}`,
    version: '1.0.0',
    packages: [
      {
        registryType: 'npm',
        identifier: `@bench/skill-${i}`,
        version: '1.0.0',
        transport: { type: 'stdio' },
      },
    ],
  };
  return { server, tools };
}

async function benchStore(kind: 'sqlite' | 'postgres', databaseUrl?: string) {
  const data = mkdtempSync(join(tmpdir(), 'bench-registry-'));
  const env = {
    ...process.env,
    MMSKILLS_REGISTRY_ADMIN_TOKEN: ADMIN,
    DATABASE_URL: databaseUrl ?? '',
    MMSKILLS_LOG_LEVEL: 'warn',
  };
  const bin = [
    '--conditions=@mmskills/source',
    '--import',
    'tsx',
    'registry/src/bin.ts',
    '--port',
    '0',
    '--data',
    data,
    '--no-seed',
  ];
  const server = await spawnServer(bin, { ...env, MMSKILLS_LOG_LEVEL: 'info' });
  const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
  try {
    const publish = await timedPool(SKILLS, 8, async (i) => {
      const response = await fetch(`${server.url}/v0/publish`, {
        method: 'POST',
        headers,
        body: JSON.stringify(manifest(i)),
      });
      if (response.status !== 201)
        throw new Error(`publish ${i}: ${response.status} ${await response.text()}`);
    });
    let cursor: string | undefined;
    const pages = await timedPool(500, 4, async () => {
      const response = await fetch(`${server.url}/v0/servers?limit=30${cursor ? `&cursor=${cursor}` : ''}`);
      const body = (await response.json()) as { metadata: { nextCursor?: string } };
      cursor = body.metadata.nextCursor;
    });
    const search = await timedPool(2000, 4, async (i) => {
      const q = encodeURIComponent(QUERIES[i % QUERIES.length] as string);
      const response = await fetch(`${server.url}/v0/tools?q=${q}&limit=10`);
      const body = (await response.json()) as { tools: unknown[] };
      if (body.tools.length === 0) throw new Error(`no hits for ${q}`);
    });
    return {
      store: kind,
      skills: SKILLS,
      tools: SKILLS * TOOLS_PER_SKILL,
      publish: {
        per_second: Math.round(SKILLS / publish.seconds),
        concurrency: 8,
        ...summarise(publish.times),
      },
      list_page: { concurrency: 4, ...summarise(pages.times) },
      tool_search: { concurrency: 4, ...summarise(search.times) },
    };
  } finally {
    await server.stop();
  }
}

const results = [await benchStore('sqlite')];
if (process.env.MMSKILLS_BENCH_DATABASE_URL)
  results.push(await benchStore('postgres', process.env.MMSKILLS_BENCH_DATABASE_URL));
const report = {
  benchmark: 'registry',
  machine: machine(),
  goals: { tool_search_p95_ms: 10, publish_per_second_sqlite: 500 },
  results,
};
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
