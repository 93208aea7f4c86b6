import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorker } from './worker-thread.js';

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
