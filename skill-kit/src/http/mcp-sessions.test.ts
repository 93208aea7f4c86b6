import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { mcpSessions } from './mcp-sessions.js';

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'test', version: '0' } },
};
const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request('http://127.0.0.1/mcp', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('mcpSessions', () => {
  it('keeps no server for requests that open no session, however many come', async () => {
    let open = 0;
    const sessions = mcpSessions(
      () => {
        const server = new Server({ name: 'counted', version: '0' }, { capabilities: { tools: {} } });
        open += 1;
        server.onclose = () => {
          open -= 1;
        };
        return server;
      },
      { maxBodyBytes: 1 << 20 },
    );
    for (let i = 0; i < 1_000; i += 1) {
      const get = await sessions.handle(
        new Request('http://127.0.0.1/mcp', { headers: { accept: 'text/event-stream' } }),
      );
      expect(get.status).toBe(400);
      const stray = await sessions.handle(post({ jsonrpc: '2.0', id: i, method: 'tools/list' }));
      expect(stray.status).toBe(400);
    }
    expect(open).toBe(0);
    const initialized = await sessions.handle(post(INITIALIZE));
    expect(initialized.status).toBe(200);
    expect(initialized.headers.get('mcp-session-id')).toBeTruthy();
    expect([open, sessions.size]).toEqual([1, 1]);
    await sessions.close();
    expect(open).toBe(0);
  }, 60_000);

  it("lets a server answer its session's POSTs first, and the transport read those it declines", async () => {
    const seen: string[] = [];
    const sessions = mcpSessions(
      () => {
        const server = new Server({ name: 'first', version: '0' }, { capabilities: { tools: {} } });
        server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [] }));
        return Object.assign(server, {
          answerFirst: async (body: Buffer, _request: Request, sessionId: string) => {
            const { method } = JSON.parse(body.toString()) as { method: string };
            seen.push(method);
            return method === 'tools/call' ? new Response(`answered in ${sessionId}`) : undefined;
          },
        });
      },
      { maxBodyBytes: 1024 },
    );
    const opened = await sessions.handle(post(INITIALIZE));
    const session = { 'mcp-session-id': opened.headers.get('mcp-session-id') as string };
    const call = await sessions.handle(
      post({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: {} }, session),
    );
    expect(await call.text()).toBe(`answered in ${session['mcp-session-id']}`);
    const list = await sessions.handle(post({ jsonrpc: '2.0', id: 3, method: 'tools/list' }, session));
    expect(await list.text()).toContain('"result":{"tools":[]},"jsonrpc":"2.0","id":3');
    const large = await sessions.handle(post(`{"pad":"${'x'.repeat(2000)}"}`, session));
    expect(large.status).toBe(413);
    expect(seen).toEqual(['tools/call', 'tools/list']);
    await sessions.close();
  });
});
