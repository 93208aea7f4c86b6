import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SkillHttpTransport } from './http-client.js';
import { RawString } from './raw-json.js';
import { EventSplitter, sseData } from './sse-events.js';

const picture = 'B'.repeat(10_000);
const answer = (id: unknown) =>
  JSON.stringify({
    result: { content: [{ type: 'image', data: picture, mimeType: 'image/png' }] },
    jsonrpc: '2.0',
    id,
  });

describe('sseData', () => {
  it('reads the data of message events, joined by LF, with CRLF or LF endings, as views', () => {
    const body = Buffer.from(
      ': a comment\r\nevent: message\r\ndata: {"a":\r\ndata:1}\r\n\r\nevent: other\ndata: no\n\ndata: x\n\nid: 7\ndata: cut',
    );
    const events = sseData(body);
    expect(events.map(String)).toEqual(['{"a":\n1}', 'x']);
    expect(events[1]?.buffer).toBe(body.buffer);
  });
});

// A skill by hand: `picture` answers a 10,000-character picture, `failing` a JSON-RPC error,
// `progress` five progress notifications 300 ms apart before its answer, and `silent` nothing for 3 s.
describe('EventSplitter', () => {
  it('hands on whole events as their blank line comes, a blank line split across chunks included', () => {
    const runs: string[] = [];
    const splitter = new EventSplitter((events) => runs.push(String(events)));
    const stream = 'data: 1\n\ndata: 2\r\n\r\ndata: 3\n\ndata: cut';
    for (const chunk of ['da', 'ta: 1\n', '\nda', 'ta: 2\r', '\n\r', '\ndata: 3\n\ndata: c', 'ut']) {
      splitter.push(Buffer.from(chunk));
    }
    expect(runs).toEqual(['data: 1\n\n', 'data: 2\r\n\r\ndata: 3\n\n']);
    expect(runs.join('') + String(splitter.rest())).toBe(stream);
  });
});

describe('SkillHttpTransport, for a forwarded call', () => {
  let server: Server;
  let url: URL;
  let size = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const { id, params } = JSON.parse(Buffer.concat(chunks).toString()) as {
          id: string;
          params: { name: string; _meta?: { progressToken?: string } };
        };
        const event = (message: unknown) => `event: message\ndata: ${JSON.stringify(message)}\n\n`;
        if (params.name === 'silent') {
          setTimeout(() => response.end(), 3_000).unref();
          return;
        }
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        if (params.name === 'failing') {
          response.end(event({ jsonrpc: '2.0', id, error: { code: -32602, message: 'no such box' } }));
          return;
        }
        const token = params._meta?.progressToken;
        const finish = () => {
          response.end(`event: message\ndata: ${answer(id)}\n\n`);
          size = Buffer.byteLength(answer(id));
        };
        if (params.name !== 'progress' || token === undefined) return finish();
        let progress = 0;
        const beat = setInterval(() => {
          progress += 1;
          const note = { progressToken: token, progress };
          response.write(event({ jsonrpc: '2.0', method: 'notifications/progress', params: note }));
          if (progress < 5) return;
          clearInterval(beat);
          finish();
        }, 300);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`);
  });

  afterAll(() => server.close());

  const call = (name: string) => ({ name, arguments: {} });

  it("keeps the answer's long strings as the bytes the skill sent, and hands the SDK's client nothing", async () => {
    const transport = new SkillHttpTransport(url, {}, 1 << 20);
    const messages: JSONRPCMessage[] = [];
    transport.onmessage = (message) => messages.push(message);
    const result = await transport.forwardCall(call('picture'), { timeoutMs: 10_000 });
    const data = (result as { content: Array<{ data: unknown }> }).content[0]?.data;
    expect(data).toBeInstanceOf(RawString);
    expect((data as RawString).value()).toBe(picture);
    expect(messages).toEqual([]);
    await transport.close();
  });

  it("relays the call's progress as it comes, fails it with the skill's error, and times it out", async () => {
    const transport = new SkillHttpTransport(url, {}, 1 << 20);
    const notes: unknown[] = [];
    // 1.5 s in all, each beat within the timeout: a call that reports progress is alive.
    await transport.forwardCall(call('progress'), {
      timeoutMs: 800,
      onprogress: (note) => notes.push(note),
    });
    expect(notes).toEqual([1, 2, 3, 4, 5].map((progress) => ({ progress })));
    await expect(transport.forwardCall(call('failing'), { timeoutMs: 10_000 })).rejects.toMatchObject({
      name: 'ProtocolError',
      code: -32602,
      message: expect.stringContaining('no such box'),
    });
    await expect(transport.forwardCall(call('silent'), { timeoutMs: 200 })).rejects.toMatchObject({
      message: 'Request timed out',
    });
    await transport.close();
  });

  it('fails the call when the answer is over its limit', async () => {
    const transport = new SkillHttpTransport(url, {}, 5_000);
    await expect(transport.forwardCall(call('picture'), { timeoutMs: 10_000 })).rejects.toThrow(
      "the skill's answer was over the host's limit of 5000 bytes",
    );
    expect(size).toBeGreaterThan(5_000);
    await transport.close();
  });
});
