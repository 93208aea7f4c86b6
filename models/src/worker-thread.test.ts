import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorker, workerExecArgv } from './worker-thread.js';

const dir = mkdtempSync(join(tmpdir(), 'mmskills-worker-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function firstMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).finally(() => worker.terminate());
}

describe('startWorker', () => {
  it('starts a built worker as it is', async () => {
    writeFileSync(
      join(dir, 'built.js'),
      "import { parentPort, workerData } from 'node:worker_threads';\nparentPort.postMessage(workerData * 2);\n",
    );
    const worker = startWorker(pathToFileURL(join(dir, 'built.js')), { workerData: 21 });
    expect(await firstMessage(worker)).toBe(42);
  });

  it('starts the TypeScript beside a built name that is not there, as a run from source has', async () => {
    writeFileSync(
      join(dir, 'source.ts'),
      "import { parentPort, workerData } from 'node:worker_threads';\n" +
        'const doubled: number = (workerData as number) * 2;\nparentPort?.postMessage(doubled);\n',
    );
    const worker = startWorker(pathToFileURL(join(dir, 'source.js')), { workerData: 4 });
    expect(await firstMessage(worker)).toBe(8);
  });

  it('names the script when neither is there', () => {
    expect(() => startWorker(pathToFileURL(join(dir, 'missing.js')))).toThrow(
      `worker script ${join(dir, 'missing.js')} not found (nor its .ts source)`,
    );
  });
});

describe('a worker in a process started with V8 flags', () => {
  it('starts, built or from source, where the flags would refuse it (the host gives skills --optimize-for-size)', () => {
    writeFileSync(
      join(dir, 'answer.js'),
      "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage('built');\n",
    );
    writeFileSync(
      join(dir, 'typed.ts'),
      "import { parentPort } from 'node:worker_threads';\nconst said: string = 'source';\nparentPort?.postMessage(said);\n",
    );
    const here = pathToFileURL(fileURLToPath(new URL('./worker-thread.ts', import.meta.url))).href;
    writeFileSync(
      join(dir, 'parent.mts'),
      `import { startWorker } from ${JSON.stringify(here)};\n` +
        'for (const name of ["answer.js", "typed.js"]) {\n' +
        '  const worker = startWorker(new URL(name, import.meta.url));\n' +
        '  console.log(await new Promise((resolve, reject) => { worker.once("message", resolve); worker.once("error", reject); }));\n' +
        '  await worker.terminate();\n' +
        '}\n',
    );
    const output = execFileSync(
      process.execPath,
      ['--optimize-for-size', '--max-semi-space-size=2', '--import', 'tsx', join(dir, 'parent.mts')],
      { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) },
    );
    expect(output.trim().split('\n')).toEqual(['built', 'source']);
  }, 30_000);

  it('keeps the options a worker takes, with their values, and drops the rest', () => {
    expect(
      workerExecArgv([
        '--optimize-for-size',
        '--conditions=@mmskills/source',
        '--import',
        'tsx',
        '--max-old-space-size=512',
        '-C',
        'dev',
        '--enable-source-maps',
      ]),
    ).toEqual(['--conditions=@mmskills/source', '--import', 'tsx', '-C', 'dev', '--enable-source-maps']);
  });
});
