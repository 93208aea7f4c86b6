// Host server benchmark: 20 concurrent conversations through the chat API (scripted LMM, real image
// skill), and what the MCP gateway adds to a tool call, like for like: the same client transport to
// the same kind of skill process, directly or through the gateway, alternated call by call.
// The host and the skills run as their own processes; this process is the client on 127.0.0.1.
// Run: npm run bench:server   (-- --out <file> to write elsewhere than bench/results/server.json;
//      -- --only gateway to skip the conversations; -- --label <text> to name the tree measured)
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type GatewayPaths, type Path, startGatewayPaths } from './lib/gateway-paths.js';
import { machine } from './lib/machine.js';
import { noisePicture } from './lib/noise-picture.js';
import { compare, pairedTimes } from './lib/paired.js';
import { answered, benchPicture, startScriptedHost } from './lib/scripted-stack.js';
import { summarise, timedPool } from './lib/stats.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'bench/results/server.json' },
    only: { type: 'string' },
    label: { type: 'string' },
  },
});
const loadBefore = loadavg();
const small = await benchPicture();
const large = await noisePicture(592);

async function conversations() {
  const host = await startScriptedHost('host');
  try {
    let errors = 0;
    const conversation = async () => {
      const created = (await (await fetch(`${host.url}/v1/conversations`, { method: 'POST' })).json()) as {
        id: string;
      };
      const response = await fetch(`${host.url}/v1/conversations/${created.id}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'How big is it?', images: [small] }),
      });
      if (!answered(await response.text())) errors += 1;
    };
    await timedPool(20, 20, conversation);
    const chat = await timedPool(400, 20, conversation);
    return {
      concurrency: 20,
      errors,
      per_second: Math.round((400 / chat.seconds) * 10) / 10,
      ...summarise(chat.times),
    };
  } finally {
    await host.stop();
  }
}

// Each case: a tool, its arguments, how many alternated pairs, and what a right answer holds.
const CASES = [
  { name: 'small_image_info', tool: 'image_info', args: { image: small }, pairs: 300, holds: '"width":64' },
  {
    name: 'image_1mb_info',
    tool: 'image_info',
    args: { image: large.url },
    pairs: 150,
    holds: '"width":592',
  },
  {
    name: 'image_1mb_crop_returned',
    tool: 'crop',
    args: { image: large.url, box: [0, 0, 1, 1] },
    pairs: 80,
    holds: '"type":"image"',
  },
];

type Cpu = ReturnType<GatewayPaths['hostCpuMs']>;
const perCall = (before: Cpu, after: Cpu, kind: 'user' | 'system', calls: number) =>
  before && after ? Math.round(((after[kind] - before[kind]) / calls) * 100) / 100 : null;

async function gatewayCases(paths: GatewayPaths) {
  const results: Record<string, unknown> = {};
  for (const [transport, pair] of [
    ['http', paths.http],
    ['http2026', paths.http2026],
    ['floor', paths.floor],
    ['stdio', paths.stdio],
  ] as const) {
    for (const spec of CASES) {
      const call = (path: Path) => () => path.call(spec.tool, spec.args);
      const check = (result: CallToolResult) => {
        if (result.isError || !JSON.stringify(result).includes(spec.holds)) {
          throw new Error(`${spec.name}: unexpected result ${JSON.stringify(result).slice(0, 300)}`);
        }
      };
      await pairedTimes(10, call(pair.direct), call(pair.gateway), check);
      const load = loadavg()[0];
      // Only the gateway's calls reach the process in the middle (the host, or the floor's bare
      // proxy), so its CPU time is theirs; the load moves it less than the wall-clock time.
      const middleCpuMs = transport === 'floor' ? paths.proxyCpuMs : paths.hostCpuMs;
      const cpuBefore = middleCpuMs();
      const times = await pairedTimes(spec.pairs, call(pair.direct), call(pair.gateway), check);
      const cpuAfter = middleCpuMs();
      results[`${transport}.${spec.name}`] = {
        direct_path: pair.direct.label,
        gateway_path: pair.gateway.label,
        load_1min: [load, loadavg()[0]],
        ...compare(times.a, times.b),
        middle_process: transport === 'floor' ? 'bare proxy' : 'host',
        host_user_cpu_ms_per_gateway_call: perCall(cpuBefore, cpuAfter, 'user', spec.pairs),
        host_system_cpu_ms_per_gateway_call: perCall(cpuBefore, cpuAfter, 'system', spec.pairs),
      };
    }
  }
  return results;
}

const report: Record<string, unknown> = {
  benchmark: 'server',
  label: values.label ?? null,
  machine: machine(),
  load_average: { before: loadBefore },
  goals: { errors: 0, gateway_added_p50_ms: { small: 0.5, image_1mb: 2 } },
  inputs: {
    small_png_bytes: Buffer.from(small.split(',')[1] as string, 'base64').length,
    large_png_bytes: large.bytes,
  },
};
if (values.only !== 'gateway') report.conversations = await conversations();
if (values.only !== 'conversations') {
  const paths = await startGatewayPaths();
  try {
    report.gateway = await gatewayCases(paths);
  } finally {
    await paths.stop();
  }
}
(report.load_average as Record<string, unknown>).after = loadavg();
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
const gateway = (report.gateway ?? {}) as Record<
  string,
  ReturnType<typeof compare> & {
    host_user_cpu_ms_per_gateway_call: number | null;
    host_system_cpu_ms_per_gateway_call: number | null;
  }
>;
const lines = Object.entries(gateway).map(
  ([name, row]) =>
    `${name.padEnd(32)} direct p50 ${row.direct.p50_ms} p95 ${row.direct.p95_ms} | gateway p50 ${row.gateway.p50_ms} p95 ${row.gateway.p95_ms} | added p50 ${row.added_p50_ms} p95 ${row.added_p95_ms} pairs ${row.added_median_of_pairs_ms} | host CPU/call user ${row.host_user_cpu_ms_per_gateway_call} sys ${row.host_system_cpu_ms_per_gateway_call}`,
);
process.stdout.write(
  `${JSON.stringify({ conversations: report.conversations, load: report.load_average })}\n${lines.join('\n')}\n`,
);
