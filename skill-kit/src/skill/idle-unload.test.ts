import { createLogger } from '@mmskills/core';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_IDLE_UNLOAD_S, IdleUnloader, idleUnloadMs } from './idle-unload.js';

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** An unloader over a recorded unload, with its log lines kept. */
function recorded(idleMs: number, unload?: () => Promise<void>) {
  const events: string[] = [];
  const lines: string[] = [];
  const unloader = new IdleUnloader({
    idleMs,
    unload:
      unload ??
      (async () => {
        events.push('unload');
      }),
    log: createLogger('test', { level: 'info', write: (line) => lines.push(line) }),
  });
  const call = (name: string, task: () => Promise<void> = async () => {}) =>
    unloader.run(async () => {
      events.push(`${name} start`);
      await task();
      events.push(`${name} end`);
    });
  return { unloader, events, lines, call };
}

describe('idleUnloadMs', () => {
  it('reads seconds, fractions too; 0 is never; blank is the default', () => {
    expect(idleUnloadMs(undefined, '--idle-unload')).toBe(DEFAULT_IDLE_UNLOAD_S * 1000);
    expect(idleUnloadMs(' ', '--idle-unload')).toBe(DEFAULT_IDLE_UNLOAD_S * 1000);
    expect(idleUnloadMs('0', '--idle-unload')).toBe(0);
    expect(idleUnloadMs('1.5', '--idle-unload')).toBe(1500);
  });

  it('names the setting when the value is not a number of seconds', () => {
    expect(() => idleUnloadMs('5m', 'MMSKILLS_IDLE_UNLOAD')).toThrow(
      'MMSKILLS_IDLE_UNLOAD must be a number of seconds (0 keeps the models loaded), not "5m"',
    );
    expect(() => idleUnloadMs('-1', '--idle-unload')).toThrow('--idle-unload must be');
  });
});

describe('IdleUnloader', () => {
  it('unloads once after a call and the idle time, and says so', async () => {
    const { unloader, events, lines, call } = recorded(20);
    await call('a');
    await vi.waitFor(() => expect(unloader.unloads).toBe(1));
    expect(events).toEqual(['a start', 'a end', 'unload']);
    expect(lines.map((line) => JSON.parse(line).message)).toEqual(['models unloaded']);
    expect(unloader.status()).toEqual({ afterS: 0.02, unloads: 1 });
  });

  it('never unloads under a call in flight, however long it runs', async () => {
    const { unloader, events, call } = recorded(10);
    const slow = deferred();
    const running = call('slow', () => slow.promise);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(events).toEqual(['slow start']);
    slow.resolve();
    await running;
    await vi.waitFor(() => expect(unloader.unloads).toBe(1));
    expect(events).toEqual(['slow start', 'slow end', 'unload']);
  });

  it('holds a call that arrives during an unload until the unload is done', async () => {
    const gate = deferred();
    const events: string[] = [];
    const { unloader, call } = recorded(10, async () => {
      events.push('unload start');
      await gate.promise;
      events.push('unload end');
    });
    await unloader.run(async () => {});
    await vi.waitFor(() => expect(events).toEqual(['unload start']));
    let ran = false;
    const next = call('next', async () => {
      ran = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(ran).toBe(false);
    gate.resolve();
    await next;
    expect(events).toEqual(['unload start', 'unload end']);
    expect(ran).toBe(true);
  });

  it('is off with 0 seconds, without an unload, and once closed', async () => {
    const never = recorded(0);
    await never.call('a');
    const closed = recorded(10);
    closed.unloader.close();
    await closed.call('a');
    const without = new IdleUnloader({ idleMs: 10, unload: undefined, log: createLogger('test') });
    await without.run(async () => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([never.events, closed.events]).toEqual([
      ['a start', 'a end'],
      ['a start', 'a end'],
    ]);
    expect([never.unloader.status(), without.status()]).toEqual([
      { afterS: null, unloads: 0 },
      { afterS: null, unloads: 0 },
    ]);
  });

  it('logs a failed unload and lets the next call run', async () => {
    const { unloader, lines, call, events } = recorded(10, async () => {
      throw new Error('session busy');
    });
    await call('a');
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      level: 'warn',
      message: 'unloading the models failed',
      error: 'session busy',
    });
    await call('b');
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
    expect(unloader.unloads).toBe(0);
    unloader.close();
  });
});
