// Instruction-data benchmark: `generateSamples` with every built-in skill on the committed photos (real
// skills over stdio, as `mmskills data generate` runs them), then `evaluate` on the samples it made with a
// scripted model, which measures the eval harness itself (agent prompt, parse, scoring; no tool runs).
// Run: node --conditions=@mmskills/source --import tsx bench/data.ts [--count 300] [--seed 1] [--quick]
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinPool, evaluate, generateSamples, installedSkills, toJsonl } from '@mmskills/data';
import { createScriptedBackend } from '@mmskills/host';
import { machine } from './lib/machine.js';
import { REPO_ROOT } from './lib/stdio-skill.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/data.json' },
  },
});
const COUNT = values.quick ? 20 : Number(values.count);
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const load = () => loadavg().map((value) => round(value));
const photos = join(REPO_ROOT, 'test/photos');
const skills = installedSkills();
const loadAtStart = load();

const pool = builtinPool(skills);
const startedTools = performance.now();
const tools = await pool.tools();
const startMs = performance.now() - startedTools;

const kindMs: Record<string, number[]> = { tool: [], chain: [], none: [] };
let last = performance.now();
const started = performance.now();
const generated = await generateSamples({
  pool,
  imagesDir: photos,
  count: COUNT,
  seed: values.seed,
  onSample: (sample) => {
    const now = performance.now();
    kindMs[sample.id.split(':')[1] as string]?.push(now - last);
    last = now;
  },
});
const generateMs = performance.now() - started;
const bytes = Buffer.byteLength(toJsonl(generated.samples, 'llava'));

const turn = {
  thoughts: 't',
  actions: [{ API_name: 'read_text', API_params: { image: 'image_1' } }],
  value: 'v',
};
const evalStarted = performance.now();
const report = await evaluate({
  samples: generated.samples,
  backend: createScriptedBackend({ turns: [turn] }),
  pool,
  imagesDir: photos,
});
const evalMs = performance.now() - evalStarted;
await pool.close();

const mean = (list: number[]) =>
  list.length === 0 ? null : round(list.reduce((a, b) => a + b, 0) / list.length);
const result = {
  machine: machine(),
  loadavg: { start: loadAtStart, end: load() },
  settings: { count: COUNT, seed: values.seed, skills, tools: tools.length, photos: 6, quick: values.quick },
  skills_start_ms: round(startMs),
  generate: {
    samples: generated.samples.length,
    skipped: generated.skipped.length,
    wall_s: round(generateMs / 1000),
    samples_per_s: round(generated.samples.length / (generateMs / 1000)),
    mean_ms_by_kind: Object.fromEntries(Object.entries(kindMs).map(([kind, list]) => [kind, mean(list)])),
    count_by_kind: Object.fromEntries(Object.entries(kindMs).map(([kind, list]) => [kind, list.length])),
    jsonl_bytes: bytes,
  },
  evaluate: {
    samples: report.overall.samples,
    wall_s: round(evalMs / 1000),
    ms_per_sample: round(evalMs / report.overall.samples),
  },
};
writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
