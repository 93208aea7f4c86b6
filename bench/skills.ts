// Skill benchmark: each built-in skill's bin as a real child process over MCP stdio. Cold start (spawn →
// initialize → first tool call done, model load included), then warm latency of its main tool on committed
// photos, then the process's peak RSS. Skills run one after another, calls one at a time.
// Run: npm run bench:skills [-- --calls 20 --from auto|dist|source --only ocr,detect]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';
import { machine } from './lib/machine.js';
import { summarise, timedPool } from './lib/stats.js';
import { processMemory, REPO_ROOT, type SkillEntry, startSkill } from './lib/stdio-skill.js';
import { renderTextPage } from './lib/text-pages.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '20' },
    from: { type: 'string', default: 'auto' },
    only: { type: 'string' },
    out: { type: 'string', default: 'bench/results/skills.json' },
  },
});
const CALLS = Number(values.calls);
const LOAD_AT_START = loadavg().map((v) => Math.round(v * 100) / 100);
const FROM = values.from as SkillEntry | 'auto';

interface Case {
  tool: string;
  input: string;
  args: Record<string, unknown>;
}

const photo = (name: string) => join(REPO_ROOT, 'test/photos', `${name}.png`);
const pageDir = mkdtempSync(join(tmpdir(), 'bench-skills-'));
const page = await renderTextPage(0);
const pagePath = join(pageDir, 'page.png');
writeFileSync(pagePath, page.png);

const FACE_BOX = [0.35, 0.08, 0.62, 0.45];
const SKILLS: Record<string, Case[]> = {
  ocr: [
    {
      tool: 'read_text',
      input: `rendered page ${page.width}×${page.height}, ${page.lines.length} lines`,
      args: { image: pagePath },
    },
  ],
  detect: [
    { tool: 'detect_objects', input: 'astronaut', args: { image: photo('astronaut') } },
    { tool: 'detect_objects', input: 'chelsea', args: { image: photo('chelsea') } },
  ],
  face: [{ tool: 'detect_faces', input: 'astronaut', args: { image: photo('astronaut') } }],
  pose: [{ tool: 'detect_pose', input: 'astronaut', args: { image: photo('astronaut') } }],
  segment: [{ tool: 'segment_people', input: 'astronaut', args: { image: photo('astronaut') } }],
  image: [
    { tool: 'crop', input: 'astronaut', args: { image: photo('astronaut'), box: FACE_BOX, padding: 0.1 } },
    {
      tool: 'annotate',
      input: 'astronaut, 2 boxes',
      args: {
        image: photo('astronaut'),
        boxes: [
          { box: FACE_BOX, label: 'face', score: 0.98 },
          { box: [0.05, 0.05, 0.95, 0.99], label: 'person', score: 0.91 },
        ],
      },
    },
  ],
};

const round = (value: number) => Math.round(value);
const only = values.only?.split(',');
const results = [];
for (const [skill, cases] of Object.entries(SKILLS)) {
  if (only && !only.includes(skill)) continue;
  const first = cases[0] as Case;
  const spawned = performance.now();
  const proc = await startSkill(skill, {
    prefer: FROM,
    env: { MMSKILLS_FILE_ROOTS: [REPO_ROOT, pageDir].join(delimiter) },
  });
  try {
    const before = processMemory(proc.pid);
    const callStarted = performance.now();
    await proc.call(first.tool, first.args);
    const done = performance.now();
    const calls = [];
    for (const item of cases) {
      let sample = '';
      const run = await timedPool(CALLS, 1, async () => {
        const result = await proc.call(item.tool, item.args);
        const block = result.content.find((entry) => entry.type === 'text');
        sample = block?.type === 'text' ? block.text.replace(/\s*\n\s*/g, ' / ').slice(0, 160) : '';
      });
      calls.push({ tool: item.tool, input: item.input, ...summarise(run.times), text: sample });
    }
    const row = {
      skill,
      entry: proc.entry,
      ...(proc.distOlderThanSource !== undefined && { dist_older_than_source: proc.distOlderThanSource }),
      bin: proc.args.at(-1)?.replace(REPO_ROOT, ''),
      cold_start: {
        handshake_ms: round(proc.handshakeMs),
        first_call_ms: round(done - callStarted),
        total_ms: round(done - spawned),
        first_call: `${first.tool} on ${first.input}`,
      },
      rss_after_handshake_mib: before.rss_mib,
      calls,
      memory: processMemory(proc.pid),
      load_average_after: loadavg().map((v) => Math.round(v * 100) / 100),
    };
    results.push(row);
    const latency = calls.map((c) => `${c.tool}(${c.input}) p50 ${c.p50_ms} p95 ${c.p95_ms}`).join('; ');
    process.stderr.write(`${skill} [${proc.entry}] cold ${row.cold_start.total_ms} ms; ${latency}\n`);
  } finally {
    await proc.close();
  }
}

const report = {
  benchmark: 'skills',
  machine: machine(),
  load_average_at_start: LOAD_AT_START,
  load_average_at_end: loadavg().map((v) => Math.round(v * 100) / 100),
  method:
    'Each skill bin spawned as `node <bin>` with an MCP SDK StdioClientTransport; cold start = spawn → ' +
    'initialize handshake → first tool call finished (model load included); then ' +
    `${CALLS} sequential warm calls per case; image args are file paths (MMSKILLS_FILE_ROOTS); ` +
    'peak RSS = VmHWM of the skill process at the end.',
  calls_per_case: CALLS,
  results,
};
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);

const table = [['skill', 'entry', 'cold ms', 'tool (input)', 'p50 ms', 'p95 ms', 'peak RSS MiB']];
for (const row of results)
  for (const [i, c] of row.calls.entries())
    table.push([
      i === 0 ? row.skill : '',
      i === 0 ? row.entry : '',
      i === 0 ? String(row.cold_start.total_ms) : '',
      `${c.tool} (${c.input})`,
      String(c.p50_ms),
      String(c.p95_ms),
      i === 0 ? String(row.memory.peak_rss_mib) : '',
    ]);
const widths = table[0]?.map((_, col) => Math.max(...table.map((r) => (r[col] ?? '').length))) ?? [];
for (const r of table)
  process.stdout.write(`${r.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ')}\n`);
