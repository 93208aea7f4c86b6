import { spawn } from 'node:child_process';
import { tsxArgs } from '@mmskills/core/testing';
import { describe, expect, it } from 'vitest';

const IMAGE_BIN = new URL('../../skills/image/src/bin.ts', import.meta.url);

describe('a request over a stdio skill’s size limit', () => {
  it('is answered with a JSON-RPC error carrying its id, and the skill keeps serving', async () => {
    const skill = spawn(process.execPath, tsxArgs(IMAGE_BIN), {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { ...process.env, MMSKILLS_LOG_LEVEL: 'warn' },
    });
    const replies: Array<{ id: unknown; error?: { code: number; message: string }; result?: unknown }> = [];
    let pending = '';
    skill.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) replies.push(JSON.parse(line));
    });
    const send = (text: string) =>
      new Promise<void>((resolve) => skill.stdin.write(`${text}\n`, () => resolve()));
    try {
      await send(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-11-25',
            capabilities: {},
            clientInfo: { name: 't', version: '0' },
          },
        }),
      );
      await send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
      // 40 MiB of base64: over the 25 MiB image limit's 36 MB line.
      const image = `data:image/png;base64,${'A'.repeat(40 << 20)}`;
      await send(
        `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"image_info","arguments":{"image":"${image}"}}}`,
      );
      await send(JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'tools/list' }));
      await expect.poll(() => replies.map((reply) => reply.id), { timeout: 30_000 }).toEqual([1, 7, 8]);
      expect(replies[1]?.error?.code).toBe(-32600);
      expect(replies[1]?.error?.message).toMatch(/over this skill's limit of \d+ bytes/);
      expect(replies[2]?.result).toBeDefined();
      expect(skill.exitCode).toBeNull();
    } finally {
      skill.kill();
    }
  }, 60_000);
});
