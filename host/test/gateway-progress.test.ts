import { tsxArgs } from '@mmskills/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../src/host.js';
import { createHostApp } from '../src/http/app.js';
import { quietLog, scriptedHost } from './fixtures/hosts.js';
import { type GatewayClient, gatewayClient } from './fixtures/in-process.js';

type Note = { progress: number; message?: string };

// A slow call through the gateway reports progress to the client that asked for it, whichever
// era: the skill's heartbeat, relayed under the client's own token, on the call's stream.
describe.each(['2025-11-25', '2026-07-28'] as const)(
  'progress of a slow call through the gateway (%s)',
  (era) => {
    let host: Host;
    let close: () => Promise<void>;
    let client: GatewayClient;

    beforeAll(async () => {
      const forwarding = tsxArgs(new URL('./fixtures/forwarding-skill.ts', import.meta.url));
      host = await scriptedHost([], { piped: { command: process.execPath, args: forwarding, env: {} } });
      const created = createHostApp(host, { hostname: '127.0.0.1', log: quietLog });
      close = created.close;
      client = await gatewayClient(created.app, era);
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
      const call = client
        .callTool(
          { name: 'piped__wait_for_cancel', arguments: {} },
          {
            signal: stop.signal,
            timeout: 30_000,
            onprogress: (note: Note) => {
              notes.push(note);
              if (notes.length >= 3) heard();
            },
          },
        )
        .catch(() => 'cancelled');
      await twice;
      stop.abort();
      await call;
      const values = notes.map((note) => note.progress);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(new Set(values).size).toBe(values.length);
      expect(notes.at(-1)?.message).toMatch(/^running wait_for_cancel, \d+ s$/);
    }, 30_000);
  },
);
