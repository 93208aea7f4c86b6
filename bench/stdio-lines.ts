// Reading one long JSON-RPC line (a tool result with its pictures as base64) as a stdio pipe delivers
// it, in 64 KiB chunks: the MCP SDK's ReadBuffer (what StdioServerTransport and StdioClientTransport
// use) against core's lineReader (what our stdio transports use), alternated on the same input.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { lineReader } from '@mmskills/core';
import { ReadBuffer } from '@modelcontextprotocol/sdk/shared/stdio.js';
import { machine } from './lib/machine.js';

const CHUNK = 64 * 1024;
const SIZES_MIB = [4, 8, 16, 32];
const RUNS = 3;

function chunksOf(mib: number): Buffer[] {
  const payload = Buffer.from(
    `{"jsonrpc":"2.0","id":1,"result":{"data":"${'A'.repeat(mib * 1024 * 1024)}"}}\n`,
  );
  const chunks: Buffer[] = [];
  for (let at = 0; at < payload.length; at += CHUNK) chunks.push(payload.subarray(at, at + CHUNK));
  return chunks;
}

function timeSdk(chunks: Buffer[]): number {
  const buffer = new ReadBuffer({ maxBufferSize: 512 * 1024 * 1024 });
  const started = performance.now();
  for (const chunk of chunks) {
    buffer.append(chunk);
    while (buffer.readMessage()) {}
  }
  return performance.now() - started;
}

function timeOurs(chunks: Buffer[]): number {
  let seen = 0;
  const read = lineReader(512 * 1024 * 1024, {
    line: (text) => {
      seen += JSON.parse(text) ? 1 : 0;
    },
    tooLong: () => {},
  });
  const started = performance.now();
  for (const chunk of chunks) read(chunk);
  if (seen !== 1) throw new Error('the line was not read');
  return performance.now() - started;
}

const loadStart = loadavg();
const rows = SIZES_MIB.map((mib) => {
  const chunks = chunksOf(mib);
  const sdk: number[] = [];
  const ours: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    sdk.push(timeSdk(chunks));
    ours.push(timeOurs(chunks));
  }
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const row = {
    mib,
    chunks: chunks.length,
    sdk_ms: Math.round(median(sdk)),
    ours_ms: Math.round(median(ours)),
  };
  process.stdout.write(`${mib} MiB: SDK ReadBuffer ${row.sdk_ms} ms, lineReader ${row.ours_ms} ms\n`);
  return row;
});
writeFileSync(
  new URL('./results/stdio-lines.json', import.meta.url),
  `${JSON.stringify({ machine: machine(), load: { start: loadStart, end: loadavg() }, chunk_bytes: CHUNK, runs: RUNS, rows }, null, 2)}\n`,
);
