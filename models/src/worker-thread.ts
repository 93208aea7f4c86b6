import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Run from source, workspace packages resolve to their TypeScript as they do in the parent. */
const SOURCE_CONDITION = '--conditions=@mmskills/source';

/** Node options a worker takes (module resolution and warnings), with those that take a value next. */
const WORKER_FLAGS =
  /^(--conditions|-C|--import|--require|-r|--enable-source-maps|--no-warnings|--no-deprecation)(=|$)/;
const TAKES_VALUE = new Set(['--conditions', '-C', '--import', '--require', '-r']);

/**
 * The parent's options that a worker accepts. A worker inherits them all by default, and refuses to
 * start on a V8 or process-wide one ("invalid execArgv flags: --optimize-for-size", which the host
 * gives every built-in skill); those apply to the whole process, its workers included, anyway.
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i] as string;
    if (!WORKER_FLAGS.test(arg)) continue;
    kept.push(arg);
    const next = execArgv[i + 1];
    if (TAKES_VALUE.has(arg) && next !== undefined) {
      kept.push(next);
      i++;
    }
  }
  return kept;
}

/**
 * Starts a worker thread on `script`, a built `.js` file beside the caller
 * (`new URL('./x-worker.js', import.meta.url)`). Run from source that file does not exist: its `.ts`
 * sibling is started through tsx instead ({@link ../src/source-worker.mjs}), with the source condition.
 */
export function startWorker(script: URL, options: Omit<WorkerOptions, 'argv' | 'eval'> = {}): Worker {
  const execArgv = workerExecArgv(options.execArgv ?? process.execArgv);
  if (existsSync(fileURLToPath(script))) return new Worker(script, { ...options, execArgv });
  const source = new URL(script.href.replace(/\.js$/, '.ts'));
  if (!existsSync(fileURLToPath(source))) {
    throw new Error(`worker script ${fileURLToPath(script)} not found (nor its .ts source)`);
  }
  // From src/ or dist/ alike: the boot file sits in the package's src/.
  const boot = new URL('../src/source-worker.mjs', import.meta.url);
  return new Worker(boot, {
    ...options,
    execArgv: execArgv.includes(SOURCE_CONDITION) ? execArgv : [...execArgv, SOURCE_CONDITION],
    argv: [source.href],
  });
}
