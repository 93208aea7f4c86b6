import { readFile } from 'node:fs/promises';
import type { Completion, LlamaJob, LlamaReport } from './llama-child.js';

// The subset of @fugood/llama.node used here. Its package ships TypeScript sources rather than .d.ts
// files, which do not compile under this repo's settings, so it is imported untyped.
interface LlamaContext {
  getModelInfo(): { nParams: number; desc: string; metadata: Record<string, string> };
  getUsedDevices(): string[];
  completion(options: Record<string, unknown>): Promise<Completion>;
  tokenize(text: string): Promise<{ tokens: Int32Array }>;
  initMultimodal(options: { path: string; use_gpu?: boolean }): boolean;
  getMultimodalSupport(): { vision: boolean; audio: boolean };
  parallel: {
    enable(config: { n_parallel: number }): Promise<boolean>;
    completion(options: Record<string, unknown>): Promise<{ promise: Promise<Completion> }>;
  };
}
interface LlamaNode {
  loadModel(options: Record<string, unknown>): Promise<LlamaContext>;
}

const greedy = { temperature: 0, seed: 1 };

async function run(job: LlamaJob): Promise<LlamaReport> {
  const specifier = '@fugood/llama.node';
  const llama = (await import(specifier)) as LlamaNode;
  // llama.node 1.7.15 queues a completion's worker before it registers the hook that marks the context
  // idle again; a completion that finishes inside that gap leaves the context "busy" for good ("Another
  // completion is in progress") and release() then touches the freed worker. Tiny models finish that
  // fast, so each completion() gets a fresh context, and contexts are left to the process exit.
  const fresh = () => llama.loadModel({ model: job.model, n_ctx: 512, n_threads: 2, n_gpu_layers: 0 });
  const started = performance.now();
  const ctx = await fresh();
  const loadMs = performance.now() - started;
  const info = ctx.getModelInfo();
  const report: LlamaReport = {
    loadMs,
    nParams: info.nParams,
    desc: info.desc,
    metadata: info.metadata,
    devices: ctx.getUsedDevices(),
  };
  if (job.tokenize) {
    report.tokens = [];
    for (const text of job.tokenize) report.tokens.push([...(await ctx.tokenize(text)).tokens]);
  }
  if (job.chat) {
    const messages = [{ role: 'user', content: job.chat.text }];
    report.chat = await ctx.completion({ messages, n_predict: job.chat.tokens, ignore_eos: true, ...greedy });
  }
  if (job.schema) {
    report.json = await (await fresh()).completion({
      messages: [{ role: 'user', content: 'Answer in JSON.' }],
      response_format: { type: 'json_schema', json_schema: { strict: true, schema: job.schema } },
      n_predict: 200,
      ...greedy,
    });
  }
  if (job.vision) report.vision = await vision(fresh, job.vision);
  if (job.repeat) report.repeated = await repeat(await fresh(), job.repeat);
  return report;
}

async function vision(fresh: () => Promise<LlamaContext>, files: { mmproj: string; png: string }) {
  const url = `data:image/png;base64,${(await readFile(files.png)).toString('base64')}`;
  const question = { type: 'text', text: 'What is in the picture?' };
  const ask = async (content: unknown[]) => {
    const ctx = await fresh();
    const initialised = ctx.initMultimodal({ path: files.mmproj, use_gpu: false });
    const result = await ctx.completion({
      messages: [{ role: 'user', content }],
      n_predict: 4,
      ignore_eos: true,
      ...greedy,
    });
    return { initialised, support: ctx.getMultimodalSupport(), result };
  };
  const textOnly = await ask([question]);
  const withImage = await ask([question, { type: 'image_url', image_url: { url } }]);
  return { ...withImage, textOnly: textOnly.result, withImage: withImage.result };
}

// The parallel (slot) API resolves from its own result callback, so back-to-back requests are safe.
async function repeat(ctx: LlamaContext, count: number): Promise<number[]> {
  await ctx.parallel.enable({ n_parallel: 1 });
  const predicted: number[] = [];
  for (let i = 0; i < count; i++) {
    const messages = [{ role: 'user', content: `Question ${i}` }];
    const { promise } = await ctx.parallel.completion({
      messages,
      n_predict: 2,
      ignore_eos: true,
      ...greedy,
    });
    predicted.push((await promise).tokens_predicted);
  }
  return predicted;
}

process.once('message', (job) => {
  run(job as LlamaJob).then(
    (report) => process.send?.(report, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
});
