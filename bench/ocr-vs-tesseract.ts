// OCR benchmark: the ocr skill's read_text (its bin over MCP stdio) against tesseract.js 7 with both English
// data sets it ships, on generated pages of six kinds with known text (core's renderTextPage). Each page is
// read by every reader before the next page, in an order that turns page by page, so that the machine's
// load falls on all alike. Per kind: CER (in reading order, the same rule for every reader) and p50/p95 ms
// per page after one warm-up page each; issue 21's goals per kind. Ends with the README's table rows.
// Run: node --conditions=@mmskills/source --import tsx bench/ocr-vs-tesseract.ts
//        [--kinds prose,columns,table,small,receipt,photo --per-kind 5 --from auto|dist|source
//         --data 4.0.0,4.0.0_best_int --psm 3,6 --out bench/results/ocr-vs-tesseract.json --commit <sha>] [--quick]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PAGE_KINDS, PageKindSchema, renderTextPage, type TextPage } from '@mmskills/image/testing';
import { createWorker, PSM } from 'tesseract.js';
import { z } from 'zod';
import { machine } from './lib/machine.js';
import { REPO_ROOT, type SkillEntry, startSkill } from './lib/stdio-skill.js';
import { goalsAgainst, type Read, type Score, scoreReads } from './lib/text-metrics.js';

const { values } = parseArgs({
  options: {
    kinds: { type: 'string', default: PAGE_KINDS.join(',') },
    'per-kind': { type: 'string', default: '5' },
    from: { type: 'string', default: 'auto' },
    data: { type: 'string', default: '4.0.0,4.0.0_best_int' },
    // Page segmentation modes: 3 is tesseract's automatic page layout, what its command line uses; 6 (one
    // uniform block) is what tesseract.js gets when it sets none, as tesseract's library defaults to it.
    psm: { type: 'string', default: '3,6' },
    out: { type: 'string' },
    // The commit whose code is measured, when it runs from an exported copy with no .git of its own.
    commit: { type: 'string' },
    // One page of each kind, written to /tmp unless --out says otherwise: a check, not a result.
    quick: { type: 'boolean', default: false },
  },
});
const KINDS = PageKindSchema.array().parse(values.kinds.split(','));
const PER_KIND = values.quick ? 1 : Number(values['per-kind']);
const OUT =
  values.out ??
  (values.quick ? join(tmpdir(), 'ocr-vs-tesseract-quick.json') : 'bench/results/ocr-vs-tesseract.json');
const rounded = (numbers: readonly number[]) => numbers.map((v) => Math.round(v * 100) / 100);
const LOAD_AT_START = rounded(loadavg());
const loadDuring: number[] = [];

/** Which code is measured: the commit, and how many files under core/ and skills/ocr/ differ from it. */
function measuredCode() {
  if (values.commit) return { commit: values.commit, uncommitted_files: 0 };
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', REPO_ROOT, ...args], { encoding: 'utf8' }).trim();
  try {
    const changed = git('status', '--porcelain', '--', 'core', 'skills/ocr');
    return { commit: git('rev-parse', 'HEAD'), uncommitted_files: changed ? changed.split('\n').length : 0 };
  } catch {
    return { commit: null, uncommitted_files: null };
  }
}

const PSM_MODES = z.enum([PSM.AUTO, PSM.SINGLE_BLOCK]);

type Page = TextPage & { path: string };
const dir = mkdtempSync(join(tmpdir(), 'bench-ocr-'));
async function pageOnDisk(kind: TextPage['kind'], seed: number): Promise<Page> {
  const page = await renderTextPage(kind, seed);
  const path = join(dir, `${kind}-${seed}.${page.mime === 'image/jpeg' ? 'jpg' : 'png'}`);
  writeFileSync(path, page.image);
  return { ...page, path };
}
const warmUp = await pageOnDisk('prose', 999);
// Kinds interleaved (prose 0, columns 0, …, prose 1, …) so that no kind gets a quieter stretch of the run.
const pages: Page[] = [];
for (let seed = 0; seed < PER_KIND; seed++)
  for (const kind of KINDS) pages.push(await pageOnDisk(kind, seed));

interface Reader {
  name: string;
  entry?: SkillEntry;
  dist_older_than_source?: boolean;
  setup_ms: number;
  warm_up_page_ms: number;
  read(page: Page): Promise<string>;
  close(): Promise<void>;
}

async function warmedUp(reader: Omit<Reader, 'warm_up_page_ms'>): Promise<Reader> {
  const started = performance.now();
  await reader.read(warmUp);
  return { ...reader, warm_up_page_ms: performance.now() - started };
}

async function skillReader(): Promise<Reader> {
  const started = performance.now();
  const proc = await startSkill('ocr', {
    prefer: values.from as SkillEntry | 'auto',
    env: { MMSKILLS_FILE_ROOTS: dir },
  });
  return warmedUp({
    name: `mmskills read_text (${proc.entry})`,
    entry: proc.entry,
    ...(proc.distOlderThanSource !== undefined && { dist_older_than_source: proc.distOlderThanSource }),
    setup_ms: performance.now() - started,
    read: async (page) => {
      const result = await proc.call('read_text', { image: page.path });
      return (result.structuredContent as { text: string }).text;
    },
    close: () => proc.close(),
  });
}

async function tesseractReader(data: string, psm: string): Promise<Reader> {
  const started = performance.now();
  const worker = await createWorker('eng', 1, {
    langPath: join(REPO_ROOT, 'node_modules/@tesseract.js-data/eng', data),
    cacheMethod: 'none',
    gzip: true,
  });
  await worker.setParameters({ tessedit_pageseg_mode: PSM_MODES.parse(psm) });
  return warmedUp({
    name: `tesseract.js 7 (eng ${data}, PSM ${psm})`,
    setup_ms: performance.now() - started,
    read: async (page) => (await worker.recognize(page.image)).data.text,
    close: async () => {
      await worker.terminate();
    },
  });
}

const readers = [await skillReader()];
for (const psm of values.psm.split(','))
  for (const data of values.data.split(',').filter(Boolean)) readers.push(await tesseractReader(data, psm));
const reads: Read[][] = readers.map(() => []);
try {
  for (const [i, page] of pages.entries()) {
    for (let turn = 0; turn < readers.length; turn++) {
      const r = (i + turn) % readers.length;
      const started = performance.now();
      const text = await (readers[r] as Reader).read(page);
      (reads[r] as Read[])[i] = { text, ms: performance.now() - started };
    }
    loadDuring.push(loadavg()[0] as number);
    process.stderr.write(`\r${i + 1}/${pages.length} pages (load ${loadavg()[0]?.toFixed(1)})`);
  }
} finally {
  for (const reader of readers) await reader.close();
}
process.stderr.write('\n');

function scoreKinds(of: (page: Page) => boolean) {
  const indices = pages.flatMap((page, i) => (of(page) ? [i] : []));
  const results = readers.map((reader, r) => ({
    reader: reader.name,
    ...scoreReads(
      indices.map((i) => pages[i] as Page),
      indices.map((i) => (reads[r] as Read[])[i] as Read),
    ),
  }));
  const [ours, ...theirs] = results as [Score & { reader: string }, ...Array<Score & { reader: string }>];
  return {
    pages: indices.length,
    chars: ours.chars,
    results,
    goals: theirs.map((other) => goalsAgainst(other.reader, ours, other)),
  };
}
const perKind = Object.fromEntries(KINDS.map((kind) => [kind, scoreKinds((page) => page.kind === kind)]));
const overall = scoreKinds(() => true);

const report = {
  benchmark: 'ocr-vs-tesseract',
  machine: machine(),
  load_average_at_start: LOAD_AT_START,
  load_average_at_end: rounded(loadavg()),
  load_1min_during: { min: Math.min(...loadDuring), max: Math.max(...loadDuring) },
  code: measuredCode(),
  settings: { kinds: KINDS, per_kind: PER_KIND, from: values.from, data: values.data, psm: values.psm },
  goal: "per kind (issue 21): our CER ≤ ⅓ of tesseract's and our p50 time per page ≤ 0.8× tesseract's, against each data set",
  method: [
    'Pages from @mmskills/image/testing renderTextPage(kind, seed), seeds 0..per_kind-1 of each kind, warm-up page prose 999.',
    'Each page is read by every reader before the next page; the first reader turns page by page.',
    'CER = Levenshtein ÷ reference length, whitespace collapsed, case kept, pooled over the pages of a kind. The',
    'reference is in reading order (columns one after the other, table and receipt rows left to right), and every',
    "reader's text is compared as it comes back: no reordering, the same rule for all.",
    'cer_ignoring_spaces: all whitespace removed. cer_straight_across: against the lines read straight across the',
    'page (rows of lines at the same height, left to right); it differs from cer on columns pages only.',
    'Time per page: read_text = MCP call over stdio to the skill process (file path argument, decode included);',
    'tesseract.js = worker.recognize(image buffer) in a worker thread of this process. setup_ms = spawn + MCP',
    "handshake, or createWorker with its model load; warm_up_page_ms = the first page, which includes the skill's",
    'lazy model load.',
  ].join(' '),
  readers: readers.map(({ name, entry, dist_older_than_source, setup_ms, warm_up_page_ms }) => ({
    reader: name,
    ...(entry && { entry, dist_older_than_source }),
    setup_ms: Math.round(setup_ms),
    warm_up_page_ms: Math.round(warm_up_page_ms),
  })),
  kinds: perKind,
  overall,
  references: pages.map(({ kind, seed, width, height, mime, text }) => ({
    kind,
    seed,
    width,
    height,
    mime,
    text,
  })),
  hypotheses: Object.fromEntries(
    readers.map((reader, r) => [reader.name, (reads[r] as Read[]).map((read) => read.text)]),
  ),
};
writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);
process.stderr.write(`wrote ${OUT}\n`);
printMarkdown();

function printMarkdown() {
  const percent = (cer: number) => `${(cer * 100).toFixed(2)}%`;
  const times = (ratio: number | null) => (ratio === null ? '–' : `${ratio.toFixed(2)}×`);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const load = `${LOAD_AT_START[0]} at start, ${rounded(loadavg())[0]} at end, ${Math.min(...loadDuring)}–${Math.max(...loadDuring)} during`;
  out(`\nload (1 min) ${load}; ${machine().cpu}, ${machine().cores} cores\n`);
  out(
    '| kind | reader | CER | CER ignoring spaces | p50 ms | p95 ms | our CER ÷ its | our p50 ÷ its | goals met |',
  );
  out('| --- | --- | --: | --: | --: | --: | --: | --: | --- |');
  for (const [kind, score] of [...Object.entries(perKind), ['all', overall] as const]) {
    score.results.forEach((result, r) => {
      const goal = r === 0 ? undefined : score.goals[r - 1];
      const met =
        goal &&
        (goal.met
          ? 'yes'
          : `no (${[goal.cer_at_most_a_third ? '' : 'CER', goal.p50_at_most_0_8 ? '' : 'time'].filter(Boolean).join(', ')})`);
      out(
        `| ${r === 0 ? `${kind} (${score.pages})` : ''} | ${result.reader} | ${percent(result.cer)} | ` +
          `${percent(result.cer_ignoring_spaces)} | ${result.p50_ms} | ${result.p95_ms} | ` +
          `${goal ? times(goal.cer_ratio) : ''} | ${goal ? times(goal.p50_ratio) : ''} | ${met ?? ''} |`,
      );
    });
  }
}
