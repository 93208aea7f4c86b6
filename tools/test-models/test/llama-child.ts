import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What the child process is asked to do with one model. */
export interface LlamaJob {
  model: string;
  /** Chat turns to complete, each with `n_predict` tokens and EOS ignored. */
  chat?: { text: string; tokens: number };
  /** JSON Schema for a constrained completion. */
  schema?: Record<string, unknown>;
  tokenize?: string[];
  /** A projector and a PNG for one vision completion. */
  vision?: { mmproj: string; png: string };
  /** Quick completions in a row through the parallel (slot) API. */
  repeat?: number;
}

export interface Completion {
  text: string;
  content?: string;
  tokens_predicted: number;
  tokens_evaluated: number;
  timings: {
    prompt_n: number;
    prompt_ms: number;
    predicted_n: number;
    predicted_ms: number;
    predicted_per_second: number;
  };
}

/** What the child reports back. */
export interface LlamaReport {
  loadMs: number;
  nParams: number;
  desc: string;
  metadata: Record<string, string>;
  devices: string[];
  chat?: Completion;
  json?: Completion;
  tokens?: number[][];
  vision?: {
    initialised: boolean;
    support: { vision: boolean; audio: boolean };
    textOnly: Completion;
    withImage: Completion;
  };
  repeated?: number[];
}

const driver = fileURLToPath(new URL('./llama-driver.ts', import.meta.url));
const packageDir = fileURLToPath(new URL('..', import.meta.url));
// tsx applies tsconfig `paths` at run time; this package's tsconfig maps no module to a types-only file.
const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

/**
 * Runs a job through @fugood/llama.node in a child process: llama.cpp writes its logs straight to the
 * process's stdout/stderr (toggleNativeLog does not stop that), so they must not reach the test runner.
 */
export function runLlamaJob(job: LlamaJob, timeoutMs = 20_000): Promise<LlamaReport> {
  return new Promise((resolve, reject) => {
    const child = fork(driver, [], {
      cwd: packageDir,
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      timeout: timeoutMs,
    });
    let stderr = '';
    let report: LlamaReport | undefined;
    child.stderr?.on('data', (data: Buffer) => {
      stderr = (stderr + data.toString()).slice(-4000);
    });
    child.on('message', (message) => {
      report = message as LlamaReport;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (report && code === 0) resolve(report);
      else reject(new Error(`llama child exited with ${signal ?? code}:\n${stderr}`));
    });
    child.send(job);
  });
}
