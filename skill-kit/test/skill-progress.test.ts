import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectInMemory } from '../src/testing/in-memory.js';
import { demoSkill } from './fixtures/demo-skill.js';

type Progress = { progress: number; total?: number; message?: string };

/** Every progress notification that reaches the client, asked for or not, with when it came. */
function tapProgress(client: Client): Array<{ at: number; params: Progress }> {
  const seen: Array<{ at: number; params: Progress }> = [];
  const transport = client.transport;
  if (!transport) throw new Error('the client is not connected');
  const deliver = transport.onmessage;
  transport.onmessage = (message, extra) => {
    if ('method' in message && message.method === 'notifications/progress') {
      seen.push({ at: performance.now(), params: message.params as Progress });
    }
    deliver?.(message, extra);
  };
  return seen;
}

const countToThree = { name: 'count_slowly', arguments: { to: 3, delay_ms: 800 } };

describe('progress of a tool call', () => {
  let client: Client;
  let tapped: ReturnType<typeof tapProgress>;

  beforeEach(async () => {
    client = await connectInMemory(demoSkill);
    tapped = tapProgress(client);
  });

  afterEach(async () => {
    await client.close();
  });

  it('says the call started, then beats about once a second with the stage, never after the result', async () => {
    const seen: Progress[] = [];
    const result = await client.callTool(countToThree, undefined, { onprogress: (p) => seen.push(p) });
    const answered = performance.now();
    expect(result.structuredContent).toEqual({ counted: 3 });
    expect(seen[0]).toEqual({ progress: 0, message: 'running count_slowly' });
    // 2.4 s of counting: beats at about 1 s and 2 s, each naming the step reached by then.
    const beats = seen.slice(1);
    expect(beats.map((beat) => beat.message)).toEqual([
      'count_slowly: counted 1 of 3, 1 s',
      'count_slowly: counted 2 of 3, 2 s',
    ]);
    for (const beat of beats) expect(beat.total).toBeUndefined();
    const values = seen.map((p) => p.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(values.length);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(tapped.filter((note) => note.at > answered)).toEqual([]);
  });

  it('sends nothing to a client that sent no progressToken, however long the call', async () => {
    const result = await client.callTool(countToThree);
    expect(result.structuredContent).toEqual({ counted: 3 });
    expect(tapped).toEqual([]);
  });

  it('beats while a call waits for a slot, then says when it starts', async () => {
    // The demo skill runs two calls at once; the third waits for one of them (about 2.4 s).
    const busy = [client.callTool(countToThree), client.callTool(countToThree)];
    const seen: Progress[] = [];
    await client.callTool({ name: 'count_slowly', arguments: { to: 1, delay_ms: 0 } }, undefined, {
      onprogress: (p) => seen.push(p),
    });
    await Promise.all(busy);
    expect(seen.map((p) => p.message)).toEqual([
      'waiting to run count_slowly, 1 s',
      'waiting to run count_slowly, 2 s',
      'running count_slowly',
    ]);
    expect(seen[2]?.progress).toBeGreaterThan(2);
  });

  it('stops beating when the client cancels the call', async () => {
    const controller = new AbortController();
    const call = client.callTool({ name: 'count_slowly', arguments: { to: 100, delay_ms: 50 } }, undefined, {
      signal: controller.signal,
      onprogress: () => {},
    });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    controller.abort();
    const cancelled = performance.now();
    await expect(call).rejects.toThrow(/abort/i);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(tapped.length).toBeGreaterThanOrEqual(2);
    expect(tapped.filter((note) => note.at > cancelled + 100)).toEqual([]);
  });
});
