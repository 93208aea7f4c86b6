// Host server benchmark: 20 concurrent conversations through the chat API (scripted LMM, real image
// skill), and the MCP gateway's overhead against calling the same skill directly over HTTP.
// The host and the skill run as their own processes; this process is the client on 127.0.0.1.
// Run: npm run bench:server   (-- --out <file> to write the result elsewhere than bench/results/server.json)
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { spawnSkillHttp, tsxArgs } from '@mmskills/core/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { machine } from './lib/machine.js';
import { answered, benchPicture, STACK_ENV, startScriptedHost } from './lib/scripted-stack.js';
import { summarise, timedPool } from './lib/stats.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'bench/results/server.json' } } });
const loadBefore = (await import('node:os')).loadavg();
const image = await benchPicture();
const host = await startScriptedHost('host');
const skill = await spawnSkillHttp(
  tsxArgs(new URL('../skills/image/src/bin.ts', import.meta.url)),
  STACK_ENV,
);
try {
  let errors = 0;
  const conversation = async () => {
    const created = (await (await fetch(`${host.url}/v1/conversations`, { method: 'POST' })).json()) as {
      id: string;
    };
    const response = await fetch(`${host.url}/v1/conversations/${created.id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'How big is it?', images: [image] }),
    });
    if (!answered(await response.text())) errors += 1;
  };
  await timedPool(20, 20, conversation);
  const chat = await timedPool(400, 20, conversation);

  const direct = new Client({ name: 'bench', version: '0' });
  await direct.connect(new StreamableHTTPClientTransport(new URL(skill.url)));
  const gateway = new Client({ name: 'bench', version: '0' });
  await gateway.connect(new StreamableHTTPClientTransport(new URL(`${host.url}/mcp`)));
  const args = { image };
  for (let i = 0; i < 20; i += 1) {
    await direct.callTool({ name: 'image_info', arguments: args });
    await gateway.callTool({ name: 'image__image_info', arguments: args });
  }
  const viaDirect = await timedPool(300, 1, async () => {
    await direct.callTool({ name: 'image_info', arguments: args });
  });
  const viaGateway = await timedPool(300, 1, async () => {
    await gateway.callTool({ name: 'image__image_info', arguments: args });
  });
  await Promise.all([direct.close(), gateway.close()]);

  const direct50 = summarise(viaDirect.times).p50_ms;
  const gateway50 = summarise(viaGateway.times).p50_ms;
  const report = {
    benchmark: 'server',
    machine: machine(),
    load_average: { before: loadBefore, after: (await import('node:os')).loadavg() },
    goals: { errors: 0, gateway_added_p50_ms: 1 },
    conversations: {
      concurrency: 20,
      errors,
      per_second: Math.round((400 / chat.seconds) * 10) / 10,
      ...summarise(chat.times),
    },
    tool_call_direct: summarise(viaDirect.times),
    tool_call_gateway: summarise(viaGateway.times),
    gateway_added_p50_ms: Math.round((gateway50 - direct50) * 100) / 100,
  };
  writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `${JSON.stringify({ conversations: report.conversations, gateway_added_p50_ms: report.gateway_added_p50_ms, direct: report.tool_call_direct.p50_ms, gateway: report.tool_call_gateway.p50_ms }, null, 2)}\n`,
  );
} finally {
  await Promise.all([host.stop(), skill.stop()]);
}
