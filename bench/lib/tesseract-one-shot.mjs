// The alternative a user would write for one page: a tesseract.js worker from the best_int English
// data, one recognize, terminate, print the text. Plain JavaScript run by bare `node`, as such a
// script would be (a TypeScript loader would add its own start-up time to tesseract's side).
// Run: node bench/lib/tesseract-one-shot.mjs page.png
import { fileURLToPath } from 'node:url';
import { createWorker } from 'tesseract.js';

const langPath = fileURLToPath(
  new URL('../../node_modules/@tesseract.js-data/eng/4.0.0_best_int', import.meta.url),
);
const worker = await createWorker('eng', 1, { langPath, cacheMethod: 'none', gzip: true });
const { data } = await worker.recognize(process.argv[2]);
process.stdout.write(data.text);
await worker.terminate();
