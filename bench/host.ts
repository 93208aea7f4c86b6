// Host benchmark: the agent's own time per step (scripted model, real image skill), memory held by
// idle conversations, and prompt size / time to first token with 6, 60 and 600 tools, top-k
// selection on and off, with the llama backend's prefix cache cold and warm (generated model, CPU).
// Run: npm run bench:host [-- --quick] [-- --shape tiny|small|1b] [-- --ctx 40960]
// --quick: fewer runs and conversations, and no prompt with every one of 60+ tools (the cells that
// take minutes); it writes to the temp folder instead of bench/results/host.json.

import { writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchOverhead } from './host/overhead.js';
import { benchPromptCache, benchShapes } from './host/prompt-cache.js';
import { machine } from './lib/machine.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    shape: { type: 'string', default: 'tiny' },
    ctx: { type: 'string', default: '40960' },
    threads: { type: 'string', default: '2' },
  },
});
const shape = values.shape as keyof typeof benchShapes;
if (!(shape in benchShapes)) throw new Error(`--shape must be one of ${Object.keys(benchShapes).join(', ')}`);
const quick = values.quick;
const loadBefore = loadavg();

const overhead = await benchOverhead({ runs: quick ? 50 : 300, conversations: quick ? 100 : 1000 });
const loadMiddle = loadavg();
const prompts = await benchPromptCache({
  shape,
  ctx: Number(values.ctx),
  threads: Number(values.threads),
  toolCounts: [6, 60, 600],
  allTools: !quick,
});

const sixty = prompts.cells.find((cell) => cell.tools === 60 && !cell.top_k && cell.sent);
const warmShare =
  sixty?.cold && sixty.warm ? sixty.warm.first_token_ms / sixty.cold.first_token_ms : undefined;
const report = {
  benchmark: 'host',
  quick,
  machine: machine(),
  load_average: { before: loadBefore, after_overhead: loadMiddle, after: loadavg() },
  overhead,
  prompts,
  goals: {
    host_step_p50_ms: {
      goal: '<= 2',
      value: overhead.host_per_step.p50_ms,
      met: overhead.host_per_step.p50_ms <= 2,
    },
    warm_over_cold_first_token_60_tools: {
      goal: '<= 0.2',
      value: warmShare === undefined ? null : Math.round(warmShare * 1000) / 1000,
      met: warmShare === undefined ? null : warmShare <= 0.2,
    },
  },
};
const out = quick ? join(tmpdir(), 'host-quick.json') : 'bench/results/host.json';
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify({ out, goals: report.goals, load_average: report.load_average }, null, 2));
for (const cell of prompts.cells) {
  const cold = cell.cold ? `cold ${cell.cold.first_token_ms} ms` : '';
  const warm = cell.warm ? `, warm ${cell.warm.first_token_ms} ms (${cell.warm.cached_tokens} cached)` : '';
  const size = cell.cold ? `${cell.cold.prompt_tokens} tokens` : `${cell.prompt_chars} chars, not sent`;
  console.log(
    `${cell.tools} tools, top-k ${cell.top_k ? 'on' : 'off'} (${cell.tools_in_prompt} in prompt): ${size}; ${cold}${warm}`,
  );
}
