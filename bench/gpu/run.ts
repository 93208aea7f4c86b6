// GPU benchmark of the host's LMM: makes random-weight ~1B (Q8_0, F16) and ~7B (Q8_0) llama models
// and CLIP-L-sized projectors with @mmskills/test-models, loads each through the host's real
// createLlamaBackend (Vulkan) and times decode, prompt evaluation on a small prompt, time to first
// token with 6 real tool descriptors in the system prompt (cold, then other questions with the
// prefix cached), and image turns; then one agent turn through the real HTTP host (bundled bin,
// llama backend, the image skill as a stdio MCP server); then 60 tool descriptors (a larger
// context); then the ~1B Q8_0 on the CPU, text only, in a child process (one llama.node variant per
// process, as in the host). PyTorch measures the card's memory bandwidth meanwhile.
// Writes $OUT/gpu-results.json and prints a table last. Random weights: the text is meaningless,
// the speed is real.
// Run: bench/gpu/pack.sh, then bench/gpu/device.sh [--dry-run] (tiny models, CPU only).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodePng, testPicture } from '@mmskills/test-models';
import { loadLlamaNode } from '../../host/src/lmm/llama-node.js';
import { machine } from '../lib/machine.js';
import { type CardInfo, cardInfo } from './card.js';
import { type HostTurn, runHostTurn } from './host-turn.js';
import { type MadeModel, makeModels, modelPlans } from './models.js';
import { runStage, type StageResult, type StageSpec } from './stage.js';
import { type ModelStage, summaryTable } from './table.js';

const { values } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    out: { type: 'string', default: process.env.OUT || '/tmp/gpu-bench-out' },
    work: { type: 'string', default: '/tmp/gpu-bench-models' },
    'budget-s': { type: 'string', default: '420' },
    child: { type: 'string' },
    result: { type: 'string' },
  },
});

if (values.child && values.result) {
  const result = values.result;
  const spec = JSON.parse(readFileSync(values.child, 'utf8')) as StageSpec;
  await runStage(spec, (partial) => writeFileSync(result, JSON.stringify(partial)));
  process.exit(0);
}

const DRY = values['dry-run'];
const started = Date.now();
const deadline = started + Number(values['budget-s']) * 1000;
// Kept for the later stages: the HTTP host's turn, the 60-tool runs (each model reloaded with a
// larger context), then the CPU run (text only, small prompt).
const KEEP_FOR_HOST = 60_000;
const KEEP_FOR_LONG = 90_000;
const KEEP_FOR_CPU = 90_000;
// 60 real tool descriptors are ~33,000 tokens with the test vocabulary (~9,500 with a real one): over 8192.
const LONG_CTX = 36_864;
// The dry run's CPU would take minutes over 33,000 tokens; 20 tools (~11,000 tokens) still need the larger context.
const LONG_TOOLS = DRY ? 20 : 60;
const out = values.out;
const work = values.work;
mkdirSync(out, { recursive: true });
mkdirSync(work, { recursive: true });
const cores = availableParallelism();

const results = {
  benchmark: 'gpu-lmm',
  dryRun: DRY,
  machine: machine(),
  // The machine's load at the start and the end: timings on a shared machine are inflated by it.
  loadavg: { start: loadavg(), end: [] as number[] },
  budgetS: Number(values['budget-s']),
  card: undefined as CardInfo | undefined,
  vulkanDevices: undefined as unknown,
  png: undefined as { width: number; height: number; bytes: number } | undefined,
  generation: undefined as unknown,
  models: [] as MadeModel[],
  stages: [] as ModelStage[],
  hostTurn: undefined as HostTurn | undefined,
  errors: [] as string[],
  elapsedS: 0,
};
const save = () => {
  results.loadavg.end = loadavg();
  results.elapsedS = Math.round((Date.now() - started) / 100) / 10;
  writeFileSync(join(out, 'gpu-results.json'), JSON.stringify(results, null, 1));
};
const log = (message: string) =>
  process.stderr.write(`[gpu-bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}\n`);

const cardPromise = cardInfo().then((card) => {
  results.card = card;
  log(`card: ${JSON.stringify(card).slice(0, 400)}`);
});
const png = join(work, 'picture.png');
const pngBytes = encodePng(testPicture(640, 480));
writeFileSync(png, pngBytes);
results.png = { width: 640, height: 480, bytes: pngBytes.length };

const generationStarted = Date.now();
const made = await makeModels(modelPlans(work, DRY), cores, DRY);
results.models = made.models;
results.generation = {
  threads: cores,
  seconds: (Date.now() - generationStarted) / 1000,
  projectors: made.projectors,
};
log(`models made: ${JSON.stringify(results.generation)}`);
save();
await cardPromise;
try {
  results.vulkanDevices = await (await loadLlamaNode()).getBackendDevicesInfo('vulkan');
} catch (error) {
  results.vulkanDevices = { error: String(error).slice(0, 300) };
}
save();

const imageTokens = (model: MadeModel) =>
  made.projectors.find((projector) => projector.file === model.mmproj)?.imageTokens ?? 0;
const promptRate = (model: MadeModel, gpu: StageSpec['gpu']) => {
  const cold = results.stages.find((stage) => stage.model === model.name && stage.gpu === gpu)?.steps
    .tools6_cold;
  return cold && 'promptTokensPerSecond' in cold ? cold.promptTokensPerSecond : undefined;
};
const specFor = (
  model: MadeModel,
  gpu: StageSpec['gpu'],
  long: boolean,
  stageDeadline: number,
  cpuCell = false,
): StageSpec => ({
  label: `${model.name} ${gpu}${long ? ' long' : ''}`,
  model: model.file,
  gpu,
  ctx: long ? LONG_CTX : 8192,
  threads: cores,
  toolCount: long ? LONG_TOOLS : 6,
  decodeTokens: long ? 0 : cpuCell || DRY ? 32 : 256,
  // The CPU cells are text only with a small prompt: one CLIP-L picture took the warm-up 212 s and
  // the 6-tool prompt would take minutes on the device's CPU (llama.node's CPU build has no AVX).
  ...(long || cpuCell ? {} : { mmproj: model.mmproj, png, imageTokens: imageTokens(model) }),
  ...(cpuCell && { smallOnly: true }),
  deadline: stageDeadline,
  ...(long && { expectedPromptTokensPerSecond: promptRate(model, gpu) }),
});

async function inProcess(model: MadeModel, spec: StageSpec) {
  const stage: ModelStage = {
    model: model.name,
    label: spec.label,
    tools: spec.toolCount,
    gpu: spec.gpu,
    ctx: spec.ctx,
    threads: spec.threads,
    steps: {},
  };
  results.stages.push(stage);
  log(`stage ${spec.label}`);
  await runStage(spec, (partial: StageResult) => {
    Object.assign(stage, partial);
    save();
  });
  log(`stage ${spec.label} done: ${JSON.stringify(stage).slice(0, 600)}`);
}

/** The CPU stage in a child process, killed shortly after the deadline if a call overruns it. */
async function inChild(model: MadeModel, spec: StageSpec) {
  const specFile = join(work, `stage-${results.stages.length}.json`);
  const resultFile = join(work, `stage-${results.stages.length}-result.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  const stage: ModelStage = {
    model: model.name,
    label: spec.label,
    tools: spec.toolCount,
    gpu: spec.gpu,
    ctx: spec.ctx,
    threads: spec.threads,
    steps: {},
  };
  results.stages.push(stage);
  log(`stage ${spec.label} (child process)`);
  const child = spawn(
    process.execPath,
    [...process.execArgv, process.argv[1] as string, '--child', specFile, '--result', resultFile],
    {
      stdio: 'inherit',
    },
  );
  const killer = setTimeout(() => child.kill('SIGKILL'), Math.max(1000, spec.deadline - Date.now() + 20_000));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(killer);
  try {
    Object.assign(stage, JSON.parse(readFileSync(resultFile, 'utf8')));
  } catch {
    stage.error = 'the child wrote no result';
  }
  if (code !== 0) stage.error = `${stage.error ? `${stage.error}; ` : ''}child exited with ${code}`;
  save();
  log(`stage ${spec.label} done: ${JSON.stringify(stage).slice(0, 600)}`);
}

const gpu: StageSpec['gpu'] = DRY ? 'cpu' : 'vulkan';
const [small, smallF16, large] = made.models as [MadeModel, MadeModel, MadeModel];
try {
  for (const model of [small, large, smallF16]) {
    await inProcess(
      model,
      specFor(model, gpu, false, deadline - KEEP_FOR_CPU - KEEP_FOR_LONG - KEEP_FOR_HOST),
    );
  }
  log('host turn: the bundled host bin, llama backend, image skill');
  const here = dirname(process.argv[1] as string);
  results.hostTurn = await runHostTurn({
    hostBin: join(here, 'host.mjs'),
    skillBin: join(here, 'image-skill.mjs'),
    model: small.file,
    mmproj: small.mmproj,
    gpu,
    threads: cores,
    png: Buffer.from(pngBytes),
    dir: out,
    deadline: deadline - KEEP_FOR_CPU - KEEP_FOR_LONG,
    tries: 3,
  });
  log(`host turn done: ${JSON.stringify(results.hostTurn).slice(0, 600)}`);
  save();
  for (const model of [small, large, smallF16]) {
    await inProcess(model, specFor(model, gpu, true, deadline - KEEP_FOR_CPU));
  }
  await inChild(small, specFor(small, 'cpu', false, deadline, true));
} catch (error) {
  results.errors.push(String((error as Error).stack ?? error).slice(0, 1000));
}
save();
const table = summaryTable(results.models, results.stages, results.card, results.hostTurn);
writeFileSync(join(out, 'table.txt'), `${table}\n`);
process.stdout.write(`\n${table}\n`);
process.exit(0);
