import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EmbeddingIndex, readIndex, writeIndex } from './embedding-index.js';

const warnings: unknown[][] = [];
const log = { debug() {}, info() {}, error() {}, warn: (...args: unknown[]) => warnings.push(args) };

function sample(): EmbeddingIndex {
  return {
    manifest: {
      version: 1,
      model: 'tiny',
      folder: '/pictures',
      recursive: false,
      dim: 2,
      embeddings: 'embeddings-0.f32',
      files: { 'a.png': { mtimeMs: 1, size: 10, row: 1 }, 'b.png': { mtimeMs: 2, size: 20, row: 0 } },
      failed: {},
    },
    rows: [Float32Array.of(0, 1), Float32Array.of(1, 0)],
  };
}

describe('the on-disk embedding index', () => {
  it('reads back what it wrote, row by row, leaving one embeddings file and no temporary files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clip-index-'));
    await writeIndex(dir, sample());
    await writeIndex(dir, sample());
    const read = await readIndex(dir, { model: 'tiny' }, log);
    expect(read?.manifest.files).toEqual(sample().manifest.files);
    expect(read?.rows.map((row) => [...row])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(readdirSync(dir).sort()).toEqual([expect.stringMatching(/^embeddings-.+\.f32$/), 'manifest.json']);
  });

  it.each([
    ['bad JSON', (dir: string) => writeFileSync(join(dir, 'manifest.json'), '{')],
    [
      'a short embeddings file',
      (dir: string) => writeFileSync(join(dir, embeddingsOf(dir)), Buffer.alloc(4)),
    ],
    [
      'a repeated row',
      (dir: string) =>
        rewrite(dir, (m) => ({ ...m, files: { ...m.files, 'b.png': { mtimeMs: 2, size: 20, row: 1 } } })),
    ],
    ['another model', (dir: string) => rewrite(dir, (m) => ({ ...m, model: 'other' }))],
  ])('treats %s as no index, with a warning', async (_label, spoil) => {
    const dir = mkdtempSync(join(tmpdir(), 'clip-index-'));
    await writeIndex(dir, sample());
    spoil(dir);
    warnings.length = 0;
    expect(await readIndex(dir, { model: 'tiny' }, log)).toBeUndefined();
    expect(warnings[0]?.[0]).toMatch(/corrupt; rebuilding/);
  });

  it('gives nothing, without a warning, where no index was written', async () => {
    warnings.length = 0;
    expect(
      await readIndex(mkdtempSync(join(tmpdir(), 'clip-index-')), { model: 'tiny' }, log),
    ).toBeUndefined();
    expect(warnings).toEqual([]);
  });
});

type Json = Record<string, unknown> & { files: Record<string, unknown> };
function embeddingsOf(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { embeddings: string }).embeddings;
}
function rewrite(dir: string, change: (manifest: Json) => Json): void {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Json;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(change(manifest)));
}
