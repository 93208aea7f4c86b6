// OCR benchmark: the ocr skill's read_text (its bin over MCP stdio) against tesseract.js on the same
// rendered pages with known text. Per page: character error rate (Levenshtein over whitespace-collapsed
// text, case kept) and latency, after one warm-up page each, so model loading is reported apart.
// tesseract.js runs offline from @tesseract.js-data/eng (both traineddata sets it ships, unless --data).
// Run: node --conditions=@mmskills/source --import tsx bench/ocr-vs-tesseract.ts
//        [--pages 10 --from auto|dist|source --data 4.0.0,4.0.0_best_int]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { characterErrors } from '@mmskills/core/testing';
import { createWorker } from 'tesseract.js';
import { machine } from './lib/machine.js';
import { summarise } from './lib/stats.js';
import { REPO_ROOT, type SkillEntry, startSkill } from './lib/stdio-skill.js';
import { characterErrorsIgnoringSpaces } from './lib/text-metrics.js';
import { renderTextPage, type TextPage } from './lib/text-pages.js';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '10' },
    from: { type: 'string', default: 'auto' },
    data: { type: 'string', default: '4.0.0,4.0.0_best_int' },
    out: { type: 'string', default: 'bench/results/ocr-vs-tesseract.json' },
  },
});
const PAGES = Number(values.pages);
const rounded = (values: readonly number[]) => values.map((v) => Math.round(v * 100) / 100);
const LOAD_AT_START = rounded(loadavg());
const WARM_UP_PAGE = 999;

interface PageRead {
  text: string;
  ms: number;
}

interface Reader {
  name: string;
  setup_ms: number;
  warm_up_ms: number;
  reads: PageRead[];
}

const dir = mkdtempSync(join(tmpdir(), 'bench-ocr-'));
const pages: Array<TextPage & { path: string }> = [];
for (const index of [WARM_UP_PAGE, ...Array.from({ length: PAGES }, (_, i) => i)]) {
  const page = await renderTextPage(index);
  const path = join(dir, `page-${index}.png`);
  writeFileSync(path, page.png);
  pages.push({ ...page, path });
}
const [warmUp, ...measured] = pages as [TextPage & { path: string }, ...Array<TextPage & { path: string }>];

async function timeEach(
  read: (page: TextPage & { path: string }) => Promise<string>,
): Promise<{ warm_up_ms: number; reads: PageRead[] }> {
  const warmUpStarted = performance.now();
  await read(warmUp);
  const warm_up_ms = performance.now() - warmUpStarted;
  const reads: PageRead[] = [];
  for (const page of measured) {
    const started = performance.now();
    const text = await read(page);
    reads.push({ text, ms: performance.now() - started });
  }
  return { warm_up_ms, reads };
}

async function readWithSkill(): Promise<Reader & { entry: SkillEntry; dist_older_than_source?: boolean }> {
  const started = performance.now();
  const proc = await startSkill('ocr', {
    prefer: values.from as SkillEntry | 'auto',
    env: { MMSKILLS_FILE_ROOTS: dir },
  });
  try {
    const setup = performance.now() - started;
    const timed = await timeEach(async (page) => {
      const result = await proc.call('read_text', { image: page.path });
      return (result.structuredContent as { text: string }).text;
    });
    return {
      name: `mmskills read_text (${proc.entry})`,
      entry: proc.entry,
      ...(proc.distOlderThanSource !== undefined && { dist_older_than_source: proc.distOlderThanSource }),
      setup_ms: setup,
      ...timed,
    };
  } finally {
    await proc.close();
  }
}

async function readWithTesseract(data: string): Promise<Reader> {
  const started = performance.now();
  const worker = await createWorker('eng', 1, {
    langPath: join(REPO_ROOT, 'node_modules/@tesseract.js-data/eng', data),
    cacheMethod: 'none',
    gzip: true,
  });
  try {
    const setup = performance.now() - started;
    const timed = await timeEach(async (page) => (await worker.recognize(page.png)).data.text);
    return { name: `tesseract.js 7 (eng ${data}, OEM 1 LSTM)`, setup_ms: setup, ...timed };
  } finally {
    await worker.terminate();
  }
}

const ratio = (edits: number, chars: number) => Math.round((edits / Math.max(1, chars)) * 10000) / 10000;

function score(reader: Reader & { entry?: SkillEntry; dist_older_than_source?: boolean }) {
  let edits = 0;
  let chars = 0;
  let spacelessEdits = 0;
  let spacelessChars = 0;
  const perPage = reader.reads.map((read, i) => {
    const reference = (measured[i] as TextPage).text;
    const errors = characterErrors(reference, read.text);
    const spaceless = characterErrorsIgnoringSpaces(reference, read.text);
    edits += errors.edits;
    chars += errors.chars;
    spacelessEdits += spaceless.edits;
    spacelessChars += spaceless.chars;
    return { page: i, cer: ratio(errors.edits, errors.chars), ms: Math.round(read.ms) };
  });
  const latency = summarise(reader.reads.map((read) => read.ms));
  return {
    reader: reader.name,
    ...(reader.entry && { entry: reader.entry, dist_older_than_source: reader.dist_older_than_source }),
    cer: ratio(edits, chars),
    edits,
    chars,
    cer_ignoring_spaces: ratio(spacelessEdits, spacelessChars),
    setup_ms: Math.round(reader.setup_ms),
    warm_up_page_ms: Math.round(reader.warm_up_ms),
    latency: { p50_ms: latency.p50_ms, p95_ms: latency.p95_ms, max_ms: latency.max_ms },
    pages: perPage,
    texts: reader.reads.map((read) => read.text),
  };
}

const ours = score(await readWithSkill());
process.stderr.write(`${ours.reader}: CER ${ours.cer}, p50 ${ours.latency.p50_ms} ms\n`);
const tesseract = [];
for (const data of (values.data ?? '').split(',').filter(Boolean)) {
  const scored = score(await readWithTesseract(data));
  process.stderr.write(`${scored.reader}: CER ${scored.cer}, p50 ${scored.latency.p50_ms} ms\n`);
  tesseract.push(scored);
}

const goals = tesseract.map((other) => ({
  against: other.reader,
  // Undefined when tesseract made no errors at all: then only a perfect read meets the goal.
  cer_ratio: other.cer > 0 ? Math.round((ours.cer / other.cer) * 1000) / 1000 : null,
  cer_at_most_a_third: ours.cer <= other.cer / 3,
  latency_at_most_theirs:
    ours.latency.p50_ms <= other.latency.p50_ms && ours.latency.p95_ms <= other.latency.p95_ms,
}));
const report = {
  benchmark: 'ocr-vs-tesseract',
  machine: machine(),
  load_average_at_start: LOAD_AT_START,
  load_average_at_end: rounded(loadavg()),
  goal: "our CER ≤ ⅓ of tesseract's, and our per-page latency (p50 and p95) ≤ tesseract's",
  method: [
    `${PAGES} pages rendered by bench/lib/text-pages.ts (seeded; 1000 px wide, 12–16 lines, DejaVu Sans/Serif/`,
    'Mono/Condensed at 16–32 px, some bold/italic), black on white PNG.',
    'CER = Levenshtein / reference length over the whole page, whitespace collapsed, case kept, pooled over',
    'pages; cer_ignoring_spaces (all whitespace removed) is a diagnostic, not the goal.',
    'Latency per page after one warm-up page: read_text = MCP call over stdio to the skill process (file path',
    'argument, decode included); tesseract.js = worker.recognize(png buffer) in a worker thread of this process.',
    'setup_ms = spawn + MCP handshake, or createWorker with its model load; warm_up_page_ms = the first page,',
    "which includes the skill's lazy model load.",
  ].join(' '),
  goals,
  results: [ours, ...tesseract].map(({ texts, ...rest }) => rest),
  references: measured.map((page) => ({
    lines: page.lines.length,
    sizes: [...new Set(page.lines.map((line) => line.size))].sort((a, b) => a - b),
    text: page.text,
  })),
  hypotheses: Object.fromEntries([ours, ...tesseract].map((r) => [r.reader, r.texts])),
};
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);

for (const r of [ours, ...tesseract])
  process.stdout.write(
    `${r.reader.padEnd(48)} CER ${(r.cer * 100).toFixed(2).padStart(6)}% (${(r.cer_ignoring_spaces * 100).toFixed(2)}% without spaces)  p50 ${String(r.latency.p50_ms).padStart(9)} ms  ` +
      `p95 ${String(r.latency.p95_ms).padStart(9)} ms  start ${r.setup_ms} + first page ${r.warm_up_page_ms} ms\n`,
  );
for (const g of goals)
  process.stdout.write(
    `vs ${g.against}: CER ratio ${g.cer_ratio} (≤ ⅓: ${g.cer_at_most_a_third}), latency ≤ theirs: ${g.latency_at_most_theirs}\n`,
  );
