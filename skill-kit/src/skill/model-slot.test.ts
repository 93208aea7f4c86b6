import { describe, expect, it } from 'vitest';
import { ModelSlot } from './model-slot.js';

/** A slot over numbered "models", recording what it opened and released. */
function counting(failFirst = false) {
  const events: string[] = [];
  let opened = 0;
  const slot = new ModelSlot(
    async () => {
      opened += 1;
      events.push(`open ${opened}`);
      if (failFirst && opened === 1) throw new Error('no file');
      return { id: opened };
    },
    (model) => {
      events.push(`release ${model.id}`);
    },
  );
  return { slot, events };
}

describe('ModelSlot', () => {
  it('opens once for any number of calls, at once or later', async () => {
    const { slot, events } = counting();
    const [a, b] = await Promise.all([slot.get(), slot.get()]);
    expect(a).toBe(b);
    expect(await slot.get()).toBe(a);
    expect(slot.current).toBe(a);
    expect(events).toEqual(['open 1']);
  });

  it('forgets a failed open, so the next get tries again', async () => {
    const { slot, events } = counting(true);
    await expect(slot.get()).rejects.toThrow('no file');
    expect(slot.current).toBeUndefined();
    expect(await slot.get()).toEqual({ id: 2 });
    expect(events).toEqual(['open 1', 'open 2']);
  });

  it('turns an open that throws at once into a rejection', async () => {
    const slot = new ModelSlot<number>(
      () => {
        throw new Error('model not pulled');
      },
      () => {},
    );
    await expect(slot.get()).rejects.toThrow('model not pulled');
  });

  it('releases on unload, then opens afresh', async () => {
    const { slot, events } = counting();
    await slot.get();
    await slot.unload();
    expect(slot.current).toBeUndefined();
    expect(await slot.get()).toEqual({ id: 2 });
    expect(events).toEqual(['open 1', 'release 1', 'open 2']);
  });

  it('releases a model whose load was still running at the unload, and nothing when none was', async () => {
    const { slot, events } = counting();
    await slot.unload();
    const loading = slot.get();
    await slot.unload();
    expect(await loading).toEqual({ id: 1 });
    expect(slot.current).toBeUndefined();
    expect(events).toEqual(['open 1', 'release 1']);
  });

  it('unloads quietly after a failed load', async () => {
    const { slot, events } = counting(true);
    const failed = slot.get();
    await slot.unload();
    await expect(failed).rejects.toThrow('no file');
    expect(events).toEqual(['open 1']);
  });
});
