import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type OnnxRewrite, rewrittenModel } from './rewrite-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'mmskills-rewrite-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A rewrite that reverses the bytes and counts its runs, so a test sees when the cache answered. */
function reversing(cacheDir: string, version = '1'): OnnxRewrite & { runs: number } {
  const rewrite = {
    name: 'reverse+test',
    version,
    cacheDir,
    runs: 0,
    apply: (model: Uint8Array) => {
      rewrite.runs += 1;
      return Uint8Array.from(model).reverse();
    },
  };
  return rewrite;
}

function source(name: string, bytes: number[]): string {
  const path = join(dir, name);
  writeFileSync(path, Uint8Array.from(bytes));
  return path;
}

const entryOf = (cacheDir: string) => join(cacheDir, readdirSync(cacheDir)[0] ?? 'none');

describe('rewrittenModel', () => {
  it('rewrites once and reads the kept bytes back at the next start', async () => {
    const cacheDir = join(dir, 'kept');
    const path = source('a.onnx', [1, 2, 3, 4]);
    const rewrite = reversing(cacheDir);
    expect(await rewrittenModel(path, rewrite)).toEqual({
      model: Uint8Array.from([4, 3, 2, 1]),
      cache: 'written',
    });
    expect(readdirSync(cacheDir)).toEqual([
      expect.stringMatching(/^a\.reverse_test\.[0-9a-f]{16}\.[0-9a-f]{16}\.onnx$/),
    ]);
    const again = await rewrittenModel(path, rewrite);
    expect(again.cache).toBe('read');
    expect(Array.from(again.model)).toEqual([4, 3, 2, 1]);
    expect(rewrite.runs).toBe(1);
  });

  it('rebuilds an entry whose bytes were damaged after it was written', async () => {
    const cacheDir = join(dir, 'damaged');
    const path = source('b.onnx', [5, 6, 7, 8]);
    const rewrite = reversing(cacheDir);
    await rewrittenModel(path, rewrite);
    const entry = entryOf(cacheDir);
    const bytes = readFileSync(entry);
    bytes[bytes.length - 1] = 99;
    writeFileSync(entry, bytes);
    expect(await rewrittenModel(path, rewrite)).toEqual({
      model: Uint8Array.from([8, 7, 6, 5]),
      cache: 'rebuilt',
    });
    expect(rewrite.runs).toBe(2);
    expect((await rewrittenModel(path, rewrite)).cache).toBe('read');
  });

  it('rebuilds a truncated entry and one whose header is not ours', async () => {
    const cacheDir = join(dir, 'truncated');
    const path = source('c.onnx', [1, 1, 2]);
    const rewrite = reversing(cacheDir);
    await rewrittenModel(path, rewrite);
    const entry = entryOf(cacheDir);
    writeFileSync(entry, readFileSync(entry).subarray(0, -1));
    expect((await rewrittenModel(path, rewrite)).cache).toBe('rebuilt');
    // Headers of every JSON shape: each is compared field by field, none may throw past the check.
    for (const header of ['{"not":"a header"}', 'null', '42', '"text"', '{"source":null}', '{"source":{}}']) {
      writeFileSync(entry, `${header}\nxyz`);
      expect((await rewrittenModel(path, rewrite)).cache).toBe('rebuilt');
    }
    expect(Array.from((await rewrittenModel(path, rewrite)).model)).toEqual([2, 1, 1]);
  });

  it('rebuilds when the source file changed', async () => {
    const cacheDir = join(dir, 'stale');
    const path = source('d.onnx', [1, 2]);
    await rewrittenModel(path, reversing(cacheDir));
    writeFileSync(path, Uint8Array.from([3, 4]));
    // Same size, so only the modification time tells the files apart.
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    expect(await rewrittenModel(path, reversing(cacheDir))).toEqual({
      model: Uint8Array.from([4, 3]),
      cache: 'rebuilt',
    });
    expect(readdirSync(cacheDir)).toHaveLength(1);
  });

  it('keeps the two versions used last side by side, and drops the others', async () => {
    const cacheDir = join(dir, 'versions');
    const path = source('g.onnx', [1, 2, 3]);
    const [one, two, three] = [reversing(cacheDir, '1'), reversing(cacheDir, '2'), reversing(cacheDir, '3')];
    expect((await rewrittenModel(path, one)).cache).toBe('written');
    expect((await rewrittenModel(path, two)).cache).toBe('written');
    const files = () => readdirSync(cacheDir).sort();
    const [first, second] = files();
    const past = (seconds: number) => new Date(Date.now() - seconds * 1000);
    for (const [file, age] of [
      [first, 30],
      [second, 20],
    ] as const)
      utimesSync(join(cacheDir, file ?? ''), past(age), past(age));
    // Version 1 is read (and so used last); version 3 then takes the place of version 2.
    expect((await rewrittenModel(path, one)).cache).toBe('read');
    expect((await rewrittenModel(path, three)).cache).toBe('written');
    expect((await rewrittenModel(path, one)).cache).toBe('read');
    expect((await rewrittenModel(path, three)).cache).toBe('read');
    expect((await rewrittenModel(path, two)).cache).toBe('written');
    expect([one.runs, two.runs, three.runs]).toEqual([1, 2, 1]);
    expect(files()).toHaveLength(2);
  });

  it('still gives the rewritten model when the cache cannot be written', async () => {
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the cache folder would go');
    const path = source('e.onnx', [9, 8]);
    expect(await rewrittenModel(path, reversing(blocked))).toEqual({
      model: Uint8Array.from([8, 9]),
      cache: 'unwritable',
    });
  });

  it('keeps nothing for a rewrite without a version or one that left the model as it was', async () => {
    const cacheDir = join(dir, 'nothing');
    const path = source('f.onnx', [1, 2, 3]);
    const { version: _, ...unversioned } = reversing(cacheDir);
    expect((await rewrittenModel(path, unversioned)).cache).toBe('off');
    const same = { name: 'same', version: '1', cacheDir, apply: (model: Uint8Array) => model };
    const unchanged = await rewrittenModel(path, same);
    expect(unchanged.cache).toBe('unchanged');
    expect(Array.from(unchanged.model)).toEqual([1, 2, 3]);
    expect(() => readdirSync(cacheDir)).toThrow(/ENOENT/);
  });
});
