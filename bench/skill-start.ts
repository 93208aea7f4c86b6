// Skill start benchmark (issue 21 item 5): from spawning `node skills/<x>/dist/bin.js` to the MCP
// `initialize` result over stdio, i.e. Node's start, the bin's ES-module imports and the handshake.
// With `--before <tree>` (a checkout of an older commit with its own built dist and node_modules, e.g. a
// git worktree) each skill alternates between that build and this one, the order flipping every round.
// A floor case answers `initialize` from a few lines of plain Node: what any Node server pays.
// `--imports` also lists, per build and skill, how many modules each package contributes by handshake.
// Run: node --conditions=@mmskills/source --import tsx bench/skill-start.ts [--before DIR --after DIR --rounds 9 …]
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { machine } from './lib/machine.js';
import { percentile } from './lib/stats.js';
import { REPO_ROOT } from './lib/stdio-skill.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '9' },
    skills: { type: 'string' },
    before: { type: 'string' },
    after: { type: 'string' },
    imports: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/skill-start.json' },
  },
});
const ROUNDS = Number(values.rounds);
const loads = () => loadavg().map((v) => Math.round(v * 100) / 100);
const LOAD_AT_START = loads();
const round = (value: number) => Math.round(value * 10) / 10;

const after = resolve(values.after ?? REPO_ROOT);
const before = values.before === undefined ? undefined : resolve(values.before);
const builds =
  before === undefined
    ? [{ name: 'after', root: after }]
    : [
        { name: 'before', root: before },
        { name: 'after', root: after },
      ];
const skills =
  values.skills?.split(',') ??
  readdirSync(join(after, 'skills')).filter((skill) =>
    existsSync(join(after, 'skills', skill, 'dist/bin.js')),
  );

const INITIALIZE = `${JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'mmskills-bench', version: '0.0.0' },
  },
})}\n`;
// The floor: a process that reads one line and answers it, with no imports at all.
const FLOOR = [
  '-e',
  `process.stdin.once('data', () => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: 1, result: {} }) + '\\n'));` +
    `process.stdin.on('end', () => process.exit(0));`,
];

function git(root: string, ...args: string[]) {
  try {
    return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

// The child's CPU time (all its threads, user + system) from /proc, in clock ticks of 1/CLK_TCK s: less
// moved by other jobs on the machine than the wall time is. Null where there is no /proc.
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim() || 100);
function cpuMsOf(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

interface Start {
  wallMs: number;
  cpuMs: number | null;
}

/** Spawns `args`, sends `initialize`, and times until its result came back (wall and the child's CPU). */
async function timeHandshake(args: string[], env: NodeJS.ProcessEnv = {}, cwd = after): Promise<Start> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, MMSKILLS_LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  child.stdin.write(INITIALIZE);
  const answered = await new Promise<Start>((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((text) => text.includes('"id":1'));
      if (line === undefined) return;
      const message = JSON.parse(line) as { result?: unknown };
      if (message.result === undefined) fail(new Error(`no initialize result: ${line}`));
      done({ wallMs: performance.now() - started, cpuMs: cpuMsOf(child.pid) });
    });
    child.once('exit', (code) => fail(new Error(`${args.join(' ')} exited ${code}: ${stderr}`)));
  });
  await exited(child);
  return answered;
}

// The skill ends when stdin does; a skill that would not is killed, so one bad build cannot hang the run.
async function exited(child: ChildProcess) {
  const gone = new Promise((done) => child.once('exit', done));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
}

// Logs every module the process loads: ES modules from a loader hook, CommonJS from require's cache.
const HOOKS = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.SKILL_START_IMPORTS, url + '\\n');
  return next(url, context);
}`;
const PRELOAD = `import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}));
const cache = createRequire(process.cwd() + '/').cache;
process.on('exit', () => appendFileSync(process.env.SKILL_START_IMPORTS, Object.keys(cache).join('\\n') + '\\n'));`;

/** Modules loaded by the end of the handshake, counted per package (workspace folders by their path). */
async function importsOf(root: string, skill: string): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'skill-start-'));
  const file = join(dir, 'imports.txt');
  writeFileSync(file, '');
  await timeHandshake(
    ['--import', `data:text/javascript,${encodeURIComponent(PRELOAD)}`, binOf(root, skill)],
    {
      SKILL_START_IMPORTS: file,
    },
  );
  const paths = new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('node:') && !line.startsWith('data:'))
      .map((line) => line.replace(/^file:\/\//, '')),
  );
  rmSync(dir, { recursive: true });
  const counts: Record<string, number> = { total: paths.size };
  for (const path of paths) {
    const inModules = path.split('/node_modules/').at(-1) as string;
    const name = path.includes('/node_modules/')
      ? inModules
          .split('/')
          .slice(0, inModules.startsWith('@') ? 2 : 1)
          .join('/')
      : path.slice(root.length + 1).replace(/\/(src|dist)\/.*$/, '');
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
}

const binOf = (root: string, skill: string) => join(root, 'skills', skill, 'dist/bin.js');

const times: Record<string, Record<string, Start[]>> = { floor: { floor: [] } };
for (const skill of skills) times[skill] = Object.fromEntries(builds.map((build) => [build.name, []]));
const loadDuring: number[][] = [];
// A first spawn of each, untimed, so that the file cache holds every build's modules before round 1.
for (const skill of skills)
  for (const build of builds) await timeHandshake([binOf(build.root, skill)], {}, build.root);

for (let r = 0; r < ROUNDS; r += 1) {
  const order = r % 2 === 0 ? builds : [...builds].reverse();
  const turn = [...skills.slice(r % skills.length), ...skills.slice(0, r % skills.length)];
  times.floor?.floor?.push(await timeHandshake(FLOOR));
  for (const skill of turn) {
    for (const build of order)
      times[skill]?.[build.name]?.push(await timeHandshake([binOf(build.root, skill)], {}, build.root));
  }
  loadDuring.push(loads());
  process.stderr.write(`round ${r + 1}/${ROUNDS} load ${loads().join(' ')}\n`);
}

const summary = (starts: Start[]) => {
  const wall = starts.map((start) => start.wallMs);
  const cpu = starts.flatMap((start) => (start.cpuMs === null ? [] : [start.cpuMs]));
  return {
    p50_ms: round(percentile(wall, 50)),
    min_ms: round(Math.min(...wall)),
    max_ms: round(Math.max(...wall)),
    cpu_p50_ms: cpu.length > 0 ? round(percentile(cpu, 50)) : null,
    samples_ms: wall.map(round),
    cpu_samples_ms: cpu.map(round),
  };
};
// Per-round after/before ratios: the two ran back to back, so a ratio sees the same load.
const medianRatio = (b: Start[], a: Start[], of: (start: Start) => number | null) => {
  const ratios = a.flatMap((start, i) => {
    const [x, y] = [of(start), of(b[i] as Start)];
    return x === null || y === null || y === 0 ? [] : [x / y];
  });
  return ratios.length > 0 ? Math.round(percentile(ratios, 50) * 1000) / 1000 : null;
};
const results = Object.entries(times).map(([skill, byBuild]) => {
  const [b, a] = [byBuild.before, byBuild.after];
  return {
    skill,
    builds: Object.fromEntries(Object.entries(byBuild).map(([name, starts]) => [name, summary(starts)])),
    ...(b &&
      a && {
        median_round_ratio_after_before: medianRatio(b, a, (start) => start.wallMs),
        cpu_median_round_ratio_after_before: medianRatio(b, a, (start) => start.cpuMs),
      }),
  };
});
const imports: Record<string, Record<string, Record<string, number>>> = {};
// Untimed, one at a time: the hook itself slows the start.
if (values.imports) {
  for (const skill of skills) {
    imports[skill] = {};
    for (const build of builds)
      (imports[skill] as Record<string, object>)[build.name] = await importsOf(build.root, skill);
  }
}

const report = {
  benchmark: 'skill-start',
  machine: machine(),
  builds: builds.map((build) => ({
    ...build,
    commit: git(build.root, 'rev-parse', 'HEAD'),
    uncommitted_files:
      git(build.root, 'status', '--porcelain', '--untracked-files=no')?.split('\n').filter(Boolean).length ??
      null,
  })),
  rounds: ROUNDS,
  load_at_start: LOAD_AT_START,
  load_during: loadDuring,
  load_at_end: loads(),
  results,
  ...(values.imports && { imports }),
};
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
for (const { skill, builds: cases, ...ratios } of results) {
  const p50s = Object.entries(cases).map(([name, c]) => `${name} ${c.p50_ms} (cpu ${c.cpu_p50_ms})`);
  process.stdout.write(`${skill.padEnd(8)} p50 ms: ${p50s.join(', ')} ${JSON.stringify(ratios)}\n`);
}
