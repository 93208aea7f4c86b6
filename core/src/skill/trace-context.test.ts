import { describe, expect, it } from 'vitest';
import { childTraceparent, traceIdOf, validTraceparent } from './trace-context.js';

const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('trace context', () => {
  it('accepts W3C traceparent values and refuses anything else', () => {
    expect(validTraceparent(parent)).toBe(parent);
    for (const bad of [
      undefined,
      42,
      '',
      '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
      '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01',
      `${parent}\nx`,
    ]) {
      expect(validTraceparent(bad)).toBeUndefined();
    }
  });

  it('continues a trace with a new parent id, or starts one', () => {
    const child = childTraceparent(parent);
    expect(validTraceparent(child)).toBe(child);
    expect(traceIdOf(child)).toBe(traceIdOf(parent));
    expect(child.slice(36, 52)).not.toBe(parent.slice(36, 52));
    expect(child.endsWith('-01')).toBe(true);
    const fresh = childTraceparent('nonsense');
    expect(validTraceparent(fresh)).toBe(fresh);
    expect(traceIdOf(fresh)).not.toBe(traceIdOf(parent));
  });
});
