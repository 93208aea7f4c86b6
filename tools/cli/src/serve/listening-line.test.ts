import { describe, expect, it } from 'vitest';
import { listeningLineReader } from './listening-line.js';

describe('listeningLineReader', () => {
  it('finds the URL of a listening line split across chunks', () => {
    const reader = listeningLineReader();
    expect(reader.push('{"level":"info","message":"starting"}\n{"level":"info","mess')).toBeUndefined();
    expect(reader.push('age":"listening","url":"http://127.0.0.1:8090"}\n')).toBe('http://127.0.0.1:8090');
  });

  it('keeps at most 64 KiB however much a child writes, with or without newlines', () => {
    const reader = listeningLineReader();
    for (let i = 0; i < 50; i += 1) reader.push(`${'x'.repeat(1 << 20)}\n`);
    expect(reader.kept).toBe(0);
    for (let i = 0; i < 50; i += 1) reader.push('y'.repeat(1 << 20));
    expect(reader.kept).toBeLessThanOrEqual(64 * 1024);
  });
});
