// One-shot benchmark (issue 21 item 5). (1) Cold start of each built-in skill that ships its model:
// spawn its bin → MCP handshake → first tool call answered; the OCR skill three times: with its rewritten
// graphs in the model cache (every start after the first), the same with --preload (the models load
// beside the handshake), and with an empty cache (the first start).
// (2) A one-shot `mmskills call ocr read_text --image page.png` (the CLI's bin, the skill in process),
// the same call with the skill spawned from a config entry (the CLI's former way), and a one-shot
// tesseract.js script, wall time from spawn to exit. Everything alternates within each round.
// Run: node --conditions=@mmskills/source --import tsx bench/one-shot.ts [--rounds 7 --skills ocr --out …]
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';
import { characterErrors } from '@mmskills/core/testing';
import { machine } from './lib/machine.js';
import { percentile } from './lib/stats.js';
import { REPO_ROOT, startSkill } from './lib/stdio-skill.js';
import { renderTextPage } from './lib/text-pages.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    skills: { type: 'string', default: 'ocr,detect,face,pose,segment,image' },
    out: { type: 'string', default: 'bench/results/one-shot.json' },
  },
});
const ROUNDS = Number(values.rounds);
const loads = () => loadavg().map((v) => Math.round(v * 100) / 100);
const LOAD_AT_START = loads();

const dir = mkdtempSync(join(tmpdir(), 'bench-one-shot-'));
const page = await renderTextPage(0);
const pagePath = join(dir, 'page.png');
writeFileSync(pagePath, page.png);
const photo = (name: string) => join(REPO_ROOT, 'test/photos', `${name}.png`);
// The bench's own model cache, so that "cached" means this build's rewrites, not whatever ~/.cache holds.
const modelDir = join(dir, 'models');
const freshModelDir = () => mkdtempSync(join(dir, 'empty-cache-'));
const roots = [REPO_ROOT, dir].join(delimiter);

interface ColdCase {
  name: string;
  skill: string;
  tool: string;
  args: Record<string, unknown>;
  modelDir: () => string;
  env?: Record<string, string>;
}
const ALL_COLD: ColdCase[] = [
  { name: 'ocr', skill: 'ocr', tool: 'read_text', args: { image: pagePath }, modelDir: () => modelDir },
  {
    name: 'ocr, --preload',
    skill: 'ocr',
    tool: 'read_text',
    args: { image: pagePath },
    modelDir: () => modelDir,
    env: { MMSKILLS_PRELOAD: '1' },
  },
  {
    // A smaller page (a photographed page of 13 lines; its warm call takes about half the bench page's).
    name: 'ocr, --preload, test/photos/page.png',
    skill: 'ocr',
    tool: 'read_text',
    args: { image: photo('page') },
    modelDir: () => modelDir,
    env: { MMSKILLS_PRELOAD: '1' },
  },
  {
    name: 'ocr, empty model cache',
    skill: 'ocr',
    tool: 'read_text',
    args: { image: pagePath },
    modelDir: freshModelDir,
  },
  {
    name: 'detect',
    skill: 'detect',
    tool: 'detect_objects',
    args: { image: photo('astronaut') },
    modelDir: () => modelDir,
  },
  {
    name: 'face',
    skill: 'face',
    tool: 'detect_faces',
    args: { image: photo('astronaut') },
    modelDir: () => modelDir,
  },
  {
    name: 'pose',
    skill: 'pose',
    tool: 'detect_pose',
    args: { image: photo('astronaut') },
    modelDir: () => modelDir,
  },
  {
    name: 'segment',
    skill: 'segment',
    tool: 'segment_people',
    args: { image: photo('astronaut') },
    modelDir: () => modelDir,
  },
  {
    name: 'image',
    skill: 'image',
    tool: 'crop',
    args: { image: photo('astronaut'), box: [0.35, 0.08, 0.62, 0.45] },
    modelDir: () => modelDir,
  },
];

const COLD = ALL_COLD.filter((item) => values.skills.split(',').includes(item.skill));

async function coldStart(item: ColdCase) {
  const spawned = performance.now();
  const proc = await startSkill(item.skill, {
    prefer: 'dist',
    env: { MMSKILLS_FILE_ROOTS: roots, MMSKILLS_MODEL_DIR: item.modelDir(), ...item.env },
  });
  try {
    const handshake = performance.now() - spawned;
    await proc.call(item.tool, item.args);
    const total = performance.now() - spawned;
    // A second, warm call tells the start's own cost from the tool's.
    const again = performance.now();
    await proc.call(item.tool, item.args);
    return { handshake_ms: handshake, total_ms: total, warm_call_ms: performance.now() - again };
  } finally {
    await proc.close();
  }
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: dir, env, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve({ ms: performance.now() - started, stdout });
    });
  });
}

const cliBin = join(REPO_ROOT, 'tools/cli/bin/mmskills.js');
const spawnedConfig = join(dir, 'spawned.json');
writeFileSync(
  spawnedConfig,
  JSON.stringify({
    skills: {
      ocr: {
        command: process.execPath,
        args: [join(REPO_ROOT, 'skills/ocr/dist/bin.js')],
        env: { MMSKILLS_MODEL_DIR: modelDir },
      },
    },
  }),
);
const cliEnv = { ...process.env, MMSKILLS_MODEL_DIR: modelDir, MMSKILLS_CONFIG: join(dir, 'none.json') };
// The call prints its text lines first (a count line, then the page's lines, table rows with " | ").
const ourText = (stdout: string) =>
  stdout
    .split('\n{')[0]
    ?.split('\n')
    .slice(1)
    .filter((line) => !line.startsWith('['))
    .join('\n') ?? '';
const ONE_SHOT = {
  'mmskills call (in process)': {
    args: [cliBin, 'call', 'ocr', 'read_text', '--image', pagePath],
    text: ourText,
  },
  'mmskills call (skill spawned)': {
    args: [cliBin, 'call', 'ocr', 'read_text', '--image', pagePath, '--config', spawnedConfig],
    text: ourText,
  },
  'tesseract.js script (eng best_int)': {
    args: [join(REPO_ROOT, 'bench/lib/tesseract-one-shot.mjs'), pagePath],
    text: (stdout: string) => stdout,
  },
};
type OneShot = keyof typeof ONE_SHOT;

mkdirSync(modelDir);
// Fills the bench's model cache once (and checks each one-shot reads the page) before timing.
await coldStart(ALL_COLD[0] as ColdCase);
const cer: Partial<Record<OneShot, number>> = {};
for (const [name, item] of Object.entries(ONE_SHOT)) {
  const { stdout } = await run(item.args, cliEnv);
  const errors = characterErrors(page.text, item.text(stdout));
  cer[name as OneShot] = Math.round((errors.edits / errors.chars) * 10000) / 10000;
  if (errors.edits / errors.chars > 0.1) throw new Error(`${name} misread the page: ${stdout.slice(0, 300)}`);
}

const cold: Record<
  string,
  Array<{ handshake_ms: number; total_ms: number; warm_call_ms: number }>
> = Object.fromEntries(COLD.map((item) => [item.name, []]));
const oneShot: Record<string, number[]> = Object.fromEntries(Object.keys(ONE_SHOT).map((name) => [name, []]));
// Each round runs every case once, starting one further along, and logs what it took.
async function inTurn<T, R>(
  items: readonly T[],
  round: number,
  name: (item: T) => string,
  measure: (item: T) => Promise<R>,
  keep: (item: T, timed: R) => number,
) {
  for (const item of items.map((_, i) => items[(i + round) % items.length] as T)) {
    const ms = keep(item, await measure(item));
    process.stderr.write(`round ${round + 1}: ${name(item)} ${Math.round(ms)} ms\n`);
  }
}
for (let round = 0; round < ROUNDS; round += 1) {
  await inTurn(
    COLD,
    round,
    (item) => `${item.name} cold`,
    coldStart,
    (item, timed) => {
      cold[item.name]?.push(timed);
      return timed.total_ms;
    },
  );
  const names = Object.keys(ONE_SHOT) as OneShot[];
  await inTurn(
    names,
    round,
    (name) => name,
    (name) => run(ONE_SHOT[name].args, cliEnv),
    (name, { ms }) => {
      oneShot[name]?.push(ms);
      return ms;
    },
  );
  rmSync(join(dir, 'mmskills-out'), { recursive: true, force: true });
}

const stats = (times: number[]) => ({
  p50_ms: Math.round(percentile(times, 50)),
  min_ms: Math.round(Math.min(...times)),
  max_ms: Math.round(Math.max(...times)),
});
const tesseract = oneShot['tesseract.js script (eng best_int)'] ?? [];
const ratio = (times: number[]) => ({
  p50_over_tesseract_p50: Math.round((percentile(times, 50) / percentile(tesseract, 50)) * 100) / 100,
  median_of_round_ratios:
    Math.round(
      percentile(
        times.map((ms, i) => ms / (tesseract[i] ?? ms)),
        50,
      ) * 100,
    ) / 100,
});
const report = {
  benchmark: 'one-shot',
  machine: machine(),
  load_average_at_start: LOAD_AT_START,
  load_average_at_end: loads(),
  goals: {
    // With --preload (MMSKILLS_PRELOAD=1) the skill loads what the first call needs beside the handshake.
    ocr_first_answer_within_1s_of_spawn:
      percentile(cold['ocr, --preload']?.map((t) => t.total_ms) ?? [], 50) <= 1000,
    ocr_first_answer_within_1s_of_spawn_on_photos_page:
      percentile(cold['ocr, --preload, test/photos/page.png']?.map((t) => t.total_ms) ?? [], 50) <= 1000,
    one_shot_call_at_most_1_2x_tesseract:
      ratio(oneShot['mmskills call (in process)'] ?? []).p50_over_tesseract_p50 <= 1.2,
  },
  method: [
    `${ROUNDS} rounds; in each, every case once, the order rotated by one each round.`,
    "Cold start: the skill's dist/bin.js spawned with the MCP SDK's StdioClientTransport, timed from before",
    'the spawn to the first tool result (the handshake included); then one warm call of the same tool, to',
    "tell the start's cost from the tool's; image arguments are file paths.",
    "OCR: the bench's model cache holds the rewritten graphs (as at every start after the first), or an",
    'empty cache per start. The page: bench/lib/text-pages.ts prose page 0 (1000×645, 15 lines).',
    'One-shot: `node <cmd>` from spawn to exit, the same page as a file path; the CLI from tools/cli/dist,',
    "the spawned variant through a config entry running skills/ocr/dist/bin.js; tesseract.js 7's worker",
    'with @tesseract.js-data/eng 4.0.0_best_int (bench/lib/tesseract-one-shot.mjs).',
  ].join(' '),
  page: { width: page.width, height: page.height, lines: page.lines.length },
  cold_start: Object.fromEntries(
    Object.entries(cold).map(([name, times]) => [
      name,
      {
        total: stats(times.map((t) => t.total_ms)),
        handshake: stats(times.map((t) => t.handshake_ms)),
        warm_call: stats(times.map((t) => t.warm_call_ms)),
      },
    ]),
  ),
  one_shot: Object.fromEntries(
    Object.entries(oneShot).map(([name, times]) => [
      name,
      {
        ...stats(times),
        ...(name.startsWith('mmskills') && ratio(times)),
        cer: cer[name as OneShot],
        times_ms: times.map(Math.round),
      },
    ]),
  ),
};
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
rmSync(dir, { recursive: true, force: true });

for (const [name, row] of Object.entries(report.cold_start))
  process.stdout.write(
    `cold ${name.padEnd(24)} p50 ${row.total.p50_ms} ms (handshake ${row.handshake.p50_ms}, warm call ${row.warm_call.p50_ms}), min ${row.total.min_ms}, max ${row.total.max_ms}\n`,
  );
for (const [name, row] of Object.entries(report.one_shot))
  process.stdout.write(
    `one-shot ${name.padEnd(36)} p50 ${row.p50_ms} ms, min ${row.min_ms}, max ${row.max_ms}\n`,
  );
process.stdout.write(
  `load ${LOAD_AT_START.join(' ')} → ${report.load_average_at_end.join(' ')}; goals ${JSON.stringify(report.goals)}\n`,
);
