import { parentPort } from 'node:worker_threads';
import type { EncodeJob } from './encode-pool.js';
import { fillFromSpec } from './fill.js';
import { encodeValues, tensorBytes } from './tensor-type.js';

parentPort?.on('message', (job: EncodeJob) => {
  const values = new Float32Array(job.count);
  fillFromSpec(job.spec)(values, job.start);
  const bytes = new Uint8Array(tensorBytes(job.type, job.count));
  encodeValues(job.type, values, bytes);
  parentPort?.postMessage({ id: job.id, bytes }, [bytes.buffer]);
});
