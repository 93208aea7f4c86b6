// Memory of `mmskills serve` (CLI + registry + host + every built-in skill, each its own process):
// the RSS of each process of the tree once every skill has started, after one tool call per skill
// through the host's MCP gateway, and, with --idle, after the skills have been idle that long (their
// models unloaded, MMSKILLS_IDLE_UNLOAD). The stack runs from `dist/` (`npm run build` first).
// Run: node --import tsx bench/serve-memory.ts [--idle 20 --repeat 2 --label before --out <file>]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { machine } from './lib/machine.js';
import { processTree, type TreeProcess } from './lib/process-tree.js';
import { REPO_ROOT } from './lib/stdio-skill.js';
import { renderTextPage } from './lib/text-pages.js';

const { values } = parseArgs({
  options: {
    idle: { type: 'string' },
    repeat: { type: 'string', default: '1' },
    label: { type: 'string', default: 'current' },
    out: { type: 'string', default: 'bench/results/serve-memory.json' },
  },
});
const IDLE_S = values.idle === undefined ? undefined : Number(values.idle);
const load = () => loadavg().map((v) => Math.round(v * 100) / 100);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const dir = mkdtempSync(join(tmpdir(), 'bench-serve-memory-'));
const page = await renderTextPage(0);
const pagePath = join(dir, 'page.png');
writeFileSync(pagePath, page.png);
const photo = join(REPO_ROOT, 'test/photos/astronaut.png');
const BOX = [[0.25, 0.25, 0.75, 0.75]];

/** One call per skill: its main tool on a committed photo (OCR: a rendered page). */
const CALLS: Array<[string, Record<string, unknown>]> = [
  ['ocr__read_text', { image: pagePath }],
  ['detect__detect_objects', { image: photo }],
  ['face__detect_faces', { image: photo }],
  ['pose__detect_pose', { image: photo }],
  ['segment__segment_people', { image: photo }],
  ['image__image_info', { image: photo }],
  ['ground__ground_objects', { image: photo, query: 'helmet' }],
  ['sam__segment_region', { image: photo, boxes: BOX }],
  ['caption__describe_image', { image: photo }],
  ['clip__classify_image', { image: photo, labels: ['astronaut', 'cat'] }],
  ['inpaint__remove_object', { image: photo, boxes: BOX }],
];

interface Snapshot {
  total_rss_mib: number;
  total_pss_mib: number;
  processes: Array<Omit<TreeProcess, 'pid'>>;
}

function snapshot(root: number): Snapshot {
  const tree = processTree(root).sort((a, b) => a.role.localeCompare(b.role));
  return {
    total_rss_mib: Math.round(tree.reduce((sum, p) => sum + p.rss_mib, 0)),
    total_pss_mib: Math.round(tree.reduce((sum, p) => sum + p.pss_mib, 0)),
    processes: tree.map(({ pid: _pid, ...rest }) => rest),
  };
}

async function runOnce() {
  const env = {
    ...process.env,
    MMSKILLS_FILE_ROOTS: [REPO_ROOT, dir].join(':'),
    // An empty model cache: skills whose models are pulled start and answer with the pull command.
    MMSKILLS_MODEL_DIR: process.env.MMSKILLS_MODEL_DIR ?? join(dir, 'models'),
    MMSKILLS_LMM: '',
    ...(IDLE_S !== undefined && { MMSKILLS_IDLE_UNLOAD: String(IDLE_S) }),
  };
  const serve = spawn(
    process.execPath,
    [join(REPO_ROOT, 'tools/cli/bin/mmskills.js'), 'serve', '--port', '0', '--registry-port', '0'],
    { env, stdio: ['ignore', 'pipe', 'ignore'], cwd: dir, detached: false },
  );
  let printed = '';
  serve.stdout.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  while (!printed.includes('Press Ctrl-C to stop.')) {
    if (serve.exitCode !== null) throw new Error(`mmskills serve exited: ${printed}`);
    await pause(100);
  }
  const hostUrl = /host\s+(http:\/\/\S+)/.exec(printed)?.[1] ?? '';
  const client = new Client({ name: 'bench-serve-memory', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${hostUrl}/mcp`)));
  // Listing the tools starts every skill.
  const tools = (await client.listTools()).tools.map((tool) => tool.name);
  await pause(2_000);
  const started = snapshot(serve.pid ?? 0);
  const answers: Record<string, string> = {};
  const callStarted = performance.now();
  for (const [name, args] of CALLS) {
    if (!tools.includes(name)) {
      answers[name] = 'not offered';
      continue;
    }
    const result = (await client.callTool({ name, arguments: args }, undefined, {
      timeout: 300_000,
    })) as CallToolResult;
    const text = result.content.find((block) => block.type === 'text');
    answers[name] =
      `${result.isError ? 'error: ' : ''}${text?.type === 'text' ? text.text.slice(0, 100) : ''}`;
  }
  const callsMs = Math.round(performance.now() - callStarted);
  await pause(2_000);
  const called = snapshot(serve.pid ?? 0);
  let idle: Snapshot | undefined;
  if (IDLE_S !== undefined) {
    await pause((IDLE_S + 5) * 1000);
    idle = snapshot(serve.pid ?? 0);
  }
  await client.close();
  const exited = once(serve, 'exit');
  serve.kill('SIGINT');
  await exited;
  return {
    calls_ms: callsMs,
    answers,
    started,
    after_one_call_each: called,
    ...(idle && { after_idle: idle }),
  };
}

const loadAtStart = load();
const runs = [];
for (let i = 0; i < Number(values.repeat); i += 1) {
  const run = await runOnce();
  runs.push(run);
  const line = (s: Snapshot) =>
    `RSS ${s.total_rss_mib} MiB, PSS ${s.total_pss_mib} MiB (${s.processes.map((p) => `${p.role} ${p.rss_mib}`).join(', ')})`;
  process.stderr.write(
    `run ${i + 1}: started ${line(run.started)}\n  after one call each ${line(run.after_one_call_each)}\n` +
      (run.after_idle ? `  after ${IDLE_S} s idle ${line(run.after_idle)}\n` : ''),
  );
}

const report = {
  benchmark: 'serve-memory',
  label: values.label,
  machine: machine(),
  load_average_at_start: loadAtStart,
  load_average_at_end: load(),
  method:
    '`mmskills serve --port 0 --registry-port 0` from dist/ (the committed CLI bin), an empty model ' +
    'cache, no LMM; an MCP client on the host gateway lists the tools (every skill starts), then calls ' +
    "each skill's main tool once, one after another (astronaut.png; OCR a rendered 1000-px page). " +
    'VmRSS and VmHWM of every process in the tree from /proc, 2 s after the listing and after the calls' +
    (IDLE_S === undefined ? '.' : `, and again ${IDLE_S + 5} s later with MMSKILLS_IDLE_UNLOAD=${IDLE_S}.`),
  idle_unload_s: IDLE_S ?? null,
  runs,
};
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
