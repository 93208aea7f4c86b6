import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes.js';
import { createProgress } from './progress.js';

function collector(isTTY: boolean) {
  const written: string[] = [];
  return { written, writer: { isTTY, write: (text: string) => written.push(text) } };
}

describe('download progress', () => {
  it('formats sizes in decimal units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(844_757_728)).toBe('845 MB');
    expect(formatBytes(1_929_901_056)).toBe('1.9 GB');
    expect(formatBytes(4_200_000)).toBe('4.2 MB');
  });

  it('writes one line per 10% crossed when stderr is not a terminal', () => {
    const { written, writer } = collector(false);
    const progress = createProgress(writer, 'm.gguf', 1000);
    for (const bytes of [50, 99, 100, 250, 999, 1000]) progress.update(bytes);
    progress.done();
    expect(written).toEqual([
      'm.gguf: 10% (100 B of 1.0 kB)\n',
      'm.gguf: 20% (250 B of 1.0 kB)\n',
      'm.gguf: 90% (999 B of 1.0 kB)\n',
      'm.gguf: 100% (1.0 kB of 1.0 kB)\n',
    ]);
  });

  it('starts counting from what a resumed download already had', () => {
    const { written, writer } = collector(false);
    const progress = createProgress(writer, 'm.gguf', 1000, 450);
    progress.update(460);
    progress.update(500);
    expect(written).toEqual(['m.gguf: 50% (500 B of 1.0 kB)\n']);
  });

  it('reports only the total at the end when the size is unknown', () => {
    const { written, writer } = collector(false);
    const progress = createProgress(writer, 'm.gguf', undefined);
    progress.update(2_000_000);
    progress.done();
    expect(written).toEqual(['m.gguf: 2.0 MB\n']);
  });

  it('redraws one bar in place on a terminal, at most every 100 ms', () => {
    const { written, writer } = collector(true);
    let clock = 1000;
    const progress = createProgress(writer, 'm.gguf', 1000, 0, () => clock);
    progress.update(100);
    progress.update(200);
    clock += 100;
    progress.update(500);
    progress.done();
    expect(written).toEqual([
      '\rm.gguf [##----------------------] 10% 100 B of 1.0 kB',
      '\rm.gguf [############------------] 50% 500 B of 1.0 kB',
      '\rm.gguf [############------------] 50% 500 B of 1.0 kB',
      '\n',
    ]);
  });
});
