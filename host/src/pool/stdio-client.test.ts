import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { StdioSkillTransport } from './stdio-client.js';

// A process that answers each line it reads: a 2 MiB answer to the first, a small one to the next.
const ANSWERING = `
let seen = 0;
process.stdin.on('data', (chunk) => {
  for (const line of chunk.toString().split('\\n').filter(Boolean)) {
    const { id } = JSON.parse(line);
    seen += 1;
    const value = seen === 1 ? 'a'.repeat(2 * 1024 * 1024) : 'small';
    process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id, result: { value } }) + '\\n');
  }
});
`;

const answering = () => {
  const script = join(mkdtempSync(join(tmpdir(), 'stdio-client-')), 'answering.cjs');
  writeFileSync(script, ANSWERING);
  return new StdioSkillTransport({
    command: process.execPath,
    args: [script],
    env: { PATH: process.env.PATH ?? '' },
    maxLineBytes: 1024 * 1024,
  });
};

describe('StdioSkillTransport', () => {
  it("fails a forwarded call whose answer is over the line limit, hands the SDK's client nothing, and reads on", async () => {
    const transport = answering();
    const received: JSONRPCMessage[] = [];
    transport.onmessage = (message) => received.push(message);
    await transport.start();
    const call = { name: 'any', arguments: {} };
    await expect(transport.forwardCall(call, { timeoutMs: 10_000 })).rejects.toThrow(
      /over the host's limit of 1048576/,
    );
    await expect(transport.forwardCall(call, { timeoutMs: 10_000 })).resolves.toEqual({ value: 'small' });
    expect(received).toEqual([]);
    await transport.close();
  }, 30_000);

  it('turns an answer over the line limit into an error answer to its request, and reads on', async () => {
    const transport = answering();
    const received: JSONRPCMessage[] = [];
    transport.onmessage = (message) => received.push(message);
    let closed = false;
    transport.onclose = () => {
      closed = true;
    };
    await transport.start();
    await transport.send({ jsonrpc: '2.0', id: 5, method: 'ping' });
    await transport.send({ jsonrpc: '2.0', id: 6, method: 'ping' });
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(2);
    expect(received[0]).toMatchObject({
      id: 5,
      error: { code: -32603, message: expect.stringMatching(/over the host's limit of 1048576/) },
    });
    expect(received[1]).toMatchObject({ id: 6, result: { value: 'small' } });
    await transport.close();
    expect(closed).toBe(true);
  }, 30_000);
});
