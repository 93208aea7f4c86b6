import { describe, expect, it } from 'vitest';
import { listeningLineReader } from './listening-line.js';

describe('listeningLineReader', () => {
  it('finds the URL of a listening line split across chunks', () => {
    const reader = listeningLineReader();
    expect(
      reader.push(Buffer.from('{"level":"info","message":"starting"}\n{"level":"info","mess')),
    ).toBeUndefined();
    expect(reader.push(Buffer.from('age":"listening","url":"http://127.0.0.1:8090"}\n'))).toBe(
      'http://127.0.0.1:8090',
    );
  });

  it('still finds the line after a child wrote megabytes with and without newlines', () => {
    const reader = listeningLineReader();
    for (let i = 0; i < 20; i += 1) reader.push(Buffer.from(`${'x'.repeat(1 << 20)}\n`));
    for (let i = 0; i < 20; i += 1) reader.push(Buffer.from('y'.repeat(1 << 20)));
    expect(reader.push(Buffer.from('\n{"message":"listening","url":"http://127.0.0.1:1"}\n'))).toBe(
      'http://127.0.0.1:1',
    );
  });
});
