import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardedArguments, takeForwardedResult } from './forwarding.js';
import { SkillHttpTransport, sseData } from './http-client.js';
import { RawString } from './raw-json.js';

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

describe('SkillHttpTransport, for a forwarded call', () => {
  let server: Server;
  let url: URL;
  let size = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const { id } = JSON.parse(Buffer.concat(chunks).toString()) as { id: number };
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(`event: message\ndata: ${answer(id)}\n\n`);
        size = Buffer.byteLength(answer(id));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`);
  });

  afterAll(() => server.close());

  const call = (id: number, args = forwardedArguments({})): JSONRPCMessage => ({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: 'picture', arguments: args },
  });

  it("keeps the answer's long strings as the bytes the skill sent, and hands the client none", async () => {
    const transport = new SkillHttpTransport(url, {}, 1 << 20);
    const messages: JSONRPCMessage[] = [];
    transport.onmessage = (message) => messages.push(message);
    const args = forwardedArguments({});
    await transport.send(call(1, args));
    expect(messages).toEqual([{ jsonrpc: '2.0', id: 1, result: { content: [] } }]);
    const data = (takeForwardedResult(args) as { content: Array<{ data: unknown }> }).content[0]?.data;
    expect(data).toBeInstanceOf(RawString);
    expect((data as RawString).value()).toBe(picture);
    await transport.close();
  });

  it('fails the call when the answer is over its limit', async () => {
    const transport = new SkillHttpTransport(url, {}, 5_000);
    await expect(transport.send(call(2))).rejects.toThrow(
      "the skill's answer was over the host's limit of 5000 bytes",
    );
    expect(size).toBeGreaterThan(5_000);
    await transport.close();
  });
});
