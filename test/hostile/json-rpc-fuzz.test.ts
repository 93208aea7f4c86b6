import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { tsxArgs } from '@mmskills/core/testing';
import { spawnSkillHttp } from '@mmskills/skill-kit/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceSkill, spawnHost } from '../conformance/host-process.js';
import { type FuzzLine, fuzzLines } from './json-rpc-lines.js';

const SEED = Number(process.env.MMSKILLS_FUZZ_SEED ?? 20261126);
const IMAGE_BIN = new URL('../../skills/image/src/bin.ts', import.meta.url);
const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'fuzz', version: '0' } },
};

type Reply = { id?: unknown; error?: { code: number }; result?: { isError?: boolean } };

describe(`random and truncated JSON-RPC over stdio to a skill (seed ${SEED})`, () => {
  it('answers every bad line as JSON-RPC 2.0 says, and keeps serving', async () => {
    const child = spawn(process.execPath, tsxArgs(IMAGE_BIN), { stdio: ['pipe', 'pipe', 'ignore'] });
    const replies: Reply[] = [];
    const waiting = new Set<() => void>();
    createInterface({ input: child.stdout }).on('line', (line) => {
      replies.push(JSON.parse(line) as Reply);
      for (const wake of waiting) wake();
    });
    const until = (done: () => boolean) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out with ${replies.length} replies`)), 60_000);
        const check = () => {
          if (!done()) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve();
        };
        waiting.add(check);
        check();
      });
    const send = (line: string) => child.stdin.write(`${line}\n`);
    try {
      send(JSON.stringify(INIT));
      await until(() => replies.some((reply) => reply.id === 1));
      send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
      const lines: FuzzLine[] = fuzzLines(400, SEED);
      for (const { line } of lines) send(line);
      // 12 MB on one line: over the SDK's default 10 MB read buffer, which dropped it and closed stdio.
      const big = `data:image/png;base64,${Buffer.alloc(9_000_000).toString('base64')}`;
      send(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 3,
          method: 'tools/call',
          params: { name: 'image_info', arguments: { image: big } },
        }),
      );
      send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }));
      const withId = lines.filter((entry) => entry.expect.id !== null).length;
      await until(
        () => replies.filter((reply) => typeof reply.id === 'number' && reply.id >= 1000).length === withId,
      );
      await until(() => replies.some((reply) => reply.id === 2) && replies.some((reply) => reply.id === 3));

      const wrong: string[] = [];
      const nullReplies = replies.filter((reply) => reply.id === null).map((reply) => reply.error?.code);
      const nullExpected = lines.flatMap((entry) =>
        entry.expect.id === null && 'code' in entry.expect ? [entry.expect.code] : [],
      );
      expect(nullReplies).toEqual(nullExpected);
      for (const { line, expect: wanted } of lines) {
        if (wanted.id === null) continue;
        const reply = replies.find((candidate) => candidate.id === wanted.id);
        const ok = 'code' in wanted ? reply?.error?.code === wanted.code : reply?.result?.isError === true;
        if (!ok) wrong.push(`${line} → ${JSON.stringify(reply)}`);
      }
      expect(wrong).toEqual([]);
      const tools = replies.find((reply) => reply.id === 2) as { result?: { tools?: unknown[] } };
      expect(tools.result?.tools).toHaveLength(7);
      expect(replies.find((reply) => reply.id === 3)?.result?.isError).toBe(true);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
    }
  }, 90_000);
});

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body,
  });
  const text = await response.text();
  let json: Reply | undefined;
  try {
    json = JSON.parse(/^data: (.*)$/m.exec(text)?.[1] ?? text) as Reply;
  } catch {}
  return { status: response.status, session: response.headers.get('mcp-session-id'), json };
}

const targets = {
  'a skill over Streamable HTTP': async () => {
    const skill = await spawnSkillHttp(tsxArgs(IMAGE_BIN));
    return { url: skill.url, stop: () => skill.stop() };
  },
  "the host's /mcp gateway": async () => {
    const host = await spawnHost({ skills: { image: sourceSkill('image') } });
    return { url: `${host.url}/mcp`, stop: () => host.stop() };
  },
};

describe.each(Object.entries(targets))(
  `random and truncated JSON-RPC over HTTP to %s (seed ${SEED})`,
  (_name, start) => {
    let target: { url: string; stop: () => Promise<void> };
    beforeAll(async () => {
      target = await start();
    });
    afterAll(() => target?.stop());

    it('refuses bad bodies with a 4xx and a JSON-RPC error, inside and outside a session, and keeps serving', async () => {
      const lines = fuzzLines(120, SEED + 1);
      const outside = await Promise.all(lines.map(({ line }) => post(target.url, line)));
      for (const [i, reply] of outside.entries()) {
        expect(reply.status, lines[i]?.line).toBeGreaterThanOrEqual(400);
        expect(reply.status, lines[i]?.line).toBeLessThan(500);
        expect(reply.session).toBeNull();
      }
      const init = await post(target.url, JSON.stringify(INIT));
      const session = { 'mcp-session-id': init.session ?? '', 'mcp-protocol-version': '2025-11-25' };
      for (const { line, expect: wanted } of lines) {
        const reply = await post(target.url, line, session);
        if (wanted.id === null && 'code' in wanted && wanted.code === -32700) {
          expect([reply.status, reply.json?.error?.code], line).toEqual([400, -32700]);
        } else {
          expect(reply.status, line).toBeLessThan(500);
        }
      }
      const client = new Client({ name: 'after-fuzz', version: '0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(target.url)));
      const { tools } = await client.listTools();
      expect(tools.length).toBe(7);
      await client.close();
    }, 90_000);
  },
);
