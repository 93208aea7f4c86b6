// Soak: the `npm start` stack (`mmskills serve`: registry + host + built-in skills) with the scripted
// LMM, driven by N concurrent conversations (each: open, send a picture, read the event stream to its
// answer) for a fixed time. Reports per time window: completed, failed, shed (429/503 with
// Retry-After), p50/p95 latency, RSS of the whole process tree and open file handles; at the end,
// RSS growth after warm-up and any process left behind once the stack is stopped.
// Quick run (60 s):   npm run bench:soak
// Full run (10 min):  npm run bench:soak -- --duration 600
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { machine } from './lib/machine.js';
import { processTree } from './lib/process-tree.js';
import { answered, benchPicture, startScriptedHost } from './lib/scripted-stack.js';
import { summarise } from './lib/stats.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '50' },
    window: { type: 'string', default: '10' },
    out: { type: 'string', default: 'bench/results/soak.json' },
  },
});
const durationS = Number(values.duration);
const concurrency = Number(values.concurrency);
const windowS = Number(values.window);

const body = JSON.stringify({ text: 'How big is it?', images: [await benchPicture()] });

const stack = await startScriptedHost('serve');
const { url } = stack;

type Outcome = { at: number; ms: number; kind: 'ok' | 'shed' | 'failed'; detail?: string };
const outcomes: Outcome[] = [];
const started = performance.now();
const deadline = started + durationS * 1000;

async function conversation(): Promise<Outcome> {
  const t0 = performance.now();
  const done = (kind: Outcome['kind'], detail?: string): Outcome => ({
    at: (t0 - started) / 1000,
    ms: performance.now() - t0,
    kind,
    detail,
  });
  try {
    const opened = await fetch(`${url}/v1/conversations`, { method: 'POST' });
    if (opened.status === 429 || opened.status === 503)
      return done(opened.headers.get('retry-after') ? 'shed' : 'failed', `open ${opened.status}`);
    const { id } = (await opened.json()) as { id: string };
    const reply = await fetch(`${url}/v1/conversations/${id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    if (reply.status === 429 || reply.status === 503)
      return done(reply.headers.get('retry-after') ? 'shed' : 'failed', `message ${reply.status}`);
    const events = await reply.text();
    const ok = reply.ok && answered(events);
    return done(ok ? 'ok' : 'failed', ok ? undefined : `${reply.status} ${events.slice(0, 200)}`);
  } catch (error) {
    return done('failed', (error as Error).message);
  }
}

const samples: Array<{ at: number; rss_mib: number; fds: number; processes: number }> = [];
const sample = () => {
  const tree = processTree(stack.child.pid ?? 0);
  samples.push({
    at: Math.round((performance.now() - started) / 100) / 10,
    rss_mib: Math.round(tree.reduce((sum, p) => sum + p.rss_mib, 0)),
    fds: tree.reduce((sum, p) => sum + p.fds, 0),
    processes: tree.length,
  });
};
sample();
const sampler = setInterval(sample, 2_000);
const loadBefore = loadavg();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) outcomes.push(await conversation());
  }),
);
clearInterval(sampler);
sample();
const loadAfter = loadavg();
const treeAtEnd = processTree(stack.child.pid ?? 0).map((p) => p.pid);
await stack.stop();
await new Promise((resolve) => setTimeout(resolve, 3_000));
const leftBehind = treeAtEnd.filter((pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
});

const windows = Array.from({ length: Math.ceil(durationS / windowS) }, (_, i) => {
  const inWindow = outcomes.filter((o) => o.at >= i * windowS && o.at < (i + 1) * windowS);
  const memory = samples.filter((s) => s.at >= i * windowS && s.at < (i + 1) * windowS);
  const ok = inWindow.filter((o) => o.kind === 'ok').map((o) => o.ms);
  return {
    from_s: i * windowS,
    completed: ok.length,
    failed: inWindow.filter((o) => o.kind === 'failed').length,
    shed: inWindow.filter((o) => o.kind === 'shed').length,
    p50_ms: ok.length ? summarise(ok).p50_ms : null,
    p95_ms: ok.length ? summarise(ok).p95_ms : null,
    rss_mib: memory.length ? Math.max(...memory.map((s) => s.rss_mib)) : null,
    fds: memory.length ? Math.max(...memory.map((s) => s.fds)) : null,
    processes: memory.length ? Math.max(...memory.map((s) => s.processes)) : null,
  };
});
// The first window is warm-up: skills start and load, caches fill.
const warm = windows[1]?.rss_mib ?? windows[0]?.rss_mib ?? 0;
const last = windows.at(-1)?.rss_mib ?? 0;
const okTimes = outcomes.filter((o) => o.kind === 'ok').map((o) => o.ms);
const report = {
  benchmark: 'soak',
  machine: machine(),
  load_average: { before: loadBefore, after: loadAfter },
  settings: { duration_s: durationS, concurrency, window_s: windowS, rate_limit_per_minute: 1_000_000 },
  goals: { failed: 0, rss_growth_after_warmup_pct_under: 10, processes_left_behind: 0 },
  totals: {
    conversations: outcomes.length,
    completed: okTimes.length,
    failed: outcomes.filter((o) => o.kind === 'failed').length,
    shed: outcomes.filter((o) => o.kind === 'shed').length,
    per_second: Math.round((okTimes.length / durationS) * 10) / 10,
    ...summarise(okTimes),
  },
  rss_growth_after_warmup_pct: warm ? Math.round(((last - warm) / warm) * 1000) / 10 : null,
  fds_first_last: [windows[0]?.fds ?? null, windows.at(-1)?.fds ?? null],
  processes_left_behind: leftBehind.length,
  first_failures: outcomes
    .filter((o) => o.kind === 'failed')
    .slice(0, 5)
    .map((o) => o.detail),
  windows,
};
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(
  `${JSON.stringify({ totals: report.totals, rss_growth_after_warmup_pct: report.rss_growth_after_warmup_pct, processes_left_behind: leftBehind.length }, null, 2)}\n`,
);
