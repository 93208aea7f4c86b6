import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Run from source, workspace packages resolve to their TypeScript as they do in the parent. */
const SOURCE_CONDITION = '--conditions=@mmskills/source';

/**
 * Starts a worker thread on `script`, a built `.js` file beside the caller
 * (`new URL('./x-worker.js', import.meta.url)`). Run from source that file does not exist: its `.ts`
 * sibling is started through tsx instead ({@link ../src/source-worker.mjs}), with the source condition.
 */
export function startWorker(script: URL, options: Omit<WorkerOptions, 'argv' | 'eval'> = {}): Worker {
  if (existsSync(fileURLToPath(script))) return new Worker(script, options);
  const source = new URL(script.href.replace(/\.js$/, '.ts'));
  if (!existsSync(fileURLToPath(source))) {
    throw new Error(`worker script ${fileURLToPath(script)} not found (nor its .ts source)`);
  }
  // From src/ or dist/ alike: the boot file sits in the package's src/.
  const boot = new URL('../src/source-worker.mjs', import.meta.url);
  const execArgv = options.execArgv ?? process.execArgv;
  return new Worker(boot, {
    ...options,
    execArgv: execArgv.includes(SOURCE_CONDITION) ? execArgv : [...execArgv, SOURCE_CONDITION],
    argv: [source.href],
  });
}
