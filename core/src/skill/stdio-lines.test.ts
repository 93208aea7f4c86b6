import { describe, expect, it } from 'vitest';
import { lineReader } from './stdio-lines.js';

function collect(max: number) {
  const lines: string[] = [];
  const tooLong: Array<{ head: string; bytes: number }> = [];
  const read = lineReader(max, {
    line: (text) => lines.push(text),
    tooLong: (head, bytes) => tooLong.push({ head: head.toString(), bytes }),
  });
  return { read, lines, tooLong };
}

describe('lineReader', () => {
  it('splits lines across and within chunks, dropping blank lines and a trailing CR', () => {
    const { read, lines } = collect(100);
    read(Buffer.from('{"a":1}\n{"b"'));
    read(Buffer.from(':2}\r\n\n{"c":3}\n{"d"'));
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('drops a line over the limit, reports its start and length, and reads on', () => {
    const { read, lines, tooLong } = collect(10);
    read(Buffer.from('{"id":7,"x":"'));
    read(Buffer.from('y'.repeat(50)));
    read(Buffer.from('"}\n{"id":8}\n'));
    expect(tooLong).toEqual([{ head: '{"id":7,"x":"', bytes: 65 }]);
    expect(lines).toEqual(['{"id":8}']);
  });

  it('reads a 64 MiB stream of 1 MiB chunks in linear time', () => {
    const { read, lines } = collect(80 << 20);
    const chunk = Buffer.alloc(1 << 20, 'a');
    for (let i = 0; i < 64; i += 1) read(chunk);
    read(Buffer.from('\n'));
    expect(lines[0]?.length).toBe(64 << 20);
  });

  it('hands lines over as bytes when asked, a line within one chunk as a view of it', () => {
    const lines: Buffer[] = [];
    const read = lineReader(100, { bytes: (line) => lines.push(line), tooLong: () => {} });
    const chunk = Buffer.from('{"a":"é"}\r\n \t\n{"b"');
    read(chunk);
    read(Buffer.from(':2}\n'));
    expect(lines.map((line) => line.toString())).toEqual(['{"a":"é"}', '{"b":2}']);
    expect(lines[0]?.buffer).toBe(chunk.buffer);
  });
});
