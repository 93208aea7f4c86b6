import { tsxArgs } from '@mmskills/core/testing';
import {
  Client as ModernClient,
  StreamableHTTPClientTransport as ModernTransport,
} from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../src/host.js';
import { createHostApp } from '../src/http/app.js';
import { quietLog, scriptedHost } from './fixtures/hosts.js';
import { GATEWAY_URL, inProcessFetch } from './fixtures/in-process.js';

type Note = { progress: number; message?: string };

// A slow call through the gateway reports progress to the client that asked for it, whichever
// era: the skill's heartbeat, relayed under the client's own token, on the call's stream.
describe.each(['2025-11-25', '2026-07-28'])('progress of a slow call through the gateway (%s)', (era) => {
  let host: Host;
  let close: () => Promise<void>;
  let client: { close(): Promise<void> };
  // The SDKs differ here: 1.x takes (params, resultSchema, options), 2.x (params, options).
  let callTool: (
    params: { name: string; arguments: Record<string, unknown> },
    options: object,
  ) => Promise<unknown>;

  beforeAll(async () => {
    const forwarding = tsxArgs(new URL('./fixtures/forwarding-skill.ts', import.meta.url));
    host = await scriptedHost([], { piped: { command: process.execPath, args: forwarding, env: {} } });
    const created = createHostApp(host, { hostname: '127.0.0.1', log: quietLog });
    close = created.close;
    const fetch = inProcessFetch(created.app);
    if (era === '2026-07-28') {
      const modern = new ModernClient(
        { name: 'test', version: '0' },
        { versionNegotiation: { mode: { pin: era } } },
      );
      await modern.connect(new ModernTransport(GATEWAY_URL, { fetch }));
      client = modern;
      callTool = (params, options) => modern.callTool(params, options);
    } else {
      const legacy = new Client({ name: 'test', version: '0' });
      await legacy.connect(new StreamableHTTPClientTransport(GATEWAY_URL, { fetch }));
      client = legacy;
      callTool = (params, options) => legacy.callTool(params, undefined, options);
    }
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await close?.();
    await host?.close();
  });

  it('relays the skill’s rising heartbeat while the call runs', async () => {
    const notes: Note[] = [];
    const stop = new AbortController();
    let heard: () => void = () => {};
    const twice = new Promise<void>((resolve) => {
      heard = resolve;
    });
    const call = callTool(
      { name: 'piped__wait_for_cancel', arguments: {} },
      {
        signal: stop.signal,
        timeout: 30_000,
        onprogress: (note: Note) => {
          notes.push(note);
          if (notes.length >= 3) heard();
        },
      },
    ).catch(() => 'cancelled');
    await twice;
    stop.abort();
    await call;
    const values = notes.map((note) => note.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(values.length);
    expect(notes.at(-1)?.message).toMatch(/^running wait_for_cancel, \d+ s$/);
  }, 30_000);
});
