import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOGUE } from './builtin-catalogue.js';
import {
  type CatalogueEntry,
  type CatalogueInput,
  entryFiles,
  entrySize,
  fileUrl,
  parseCatalogue,
} from './catalogue.js';

function parseOne(input: CatalogueInput[number]): CatalogueEntry {
  const [entry] = parseCatalogue([input]);
  if (!entry) throw new Error('the catalogue dropped its only entry');
  return entry;
}

const tiny = {
  name: 'tiny',
  title: 'Tiny',
  repo: 'org/tiny-GGUF',
  licence: 'mit',
  model: { file: 'tiny.gguf', size: 10 },
  mmproj: { file: 'mmproj-tiny.gguf', size: 5 },
};

describe('the model catalogue', () => {
  it('holds the built-in models with both files, sizes and hashes', () => {
    const catalogue = parseCatalogue(BUILTIN_CATALOGUE);
    expect(catalogue.map((entry) => entry.name)).toEqual([
      'qwen2.5-vl-3b',
      'qwen2.5-vl-7b',
      'smolvlm2-2.2b',
      'gemma-3-4b',
    ]);
    for (const entry of catalogue) {
      expect(entry.repo).toMatch(/^ggml-org\//);
      expect(entry.revision).toBe('main');
      expect(entry.mmproj.file).toMatch(/^mmproj-/);
      for (const file of entryFiles(entry)) {
        expect(file.size).toBeGreaterThan(100_000_000);
        expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
      }
    }
    const [qwen3b] = catalogue;
    expect(qwen3b && entrySize(qwen3b)).toBe(1_929_901_056 + 844_757_728);
  });

  it('builds Hugging Face resolve addresses from any base', () => {
    const entry = parseOne(tiny);
    expect(fileUrl('https://huggingface.co', entry, entry.model)).toBe(
      'https://huggingface.co/org/tiny-GGUF/resolve/main/tiny.gguf',
    );
    expect(fileUrl('http://127.0.0.1:9/', entry, entry.mmproj)).toBe(
      'http://127.0.0.1:9/org/tiny-GGUF/resolve/main/mmproj-tiny.gguf',
    );
  });

  it('leaves the total size unknown when one file has no size', () => {
    expect(entrySize(parseOne({ ...tiny, mmproj: { file: 'mmproj-tiny.gguf' } }))).toBeUndefined();
  });

  it('refuses file names that leave the cache, duplicate names and bad hashes', () => {
    expect(() => parseCatalogue([{ ...tiny, model: { file: '../escape.gguf' } }])).toThrow(
      /^invalid model catalogue: 0\.model\.file: a plain \*\.gguf file name$/,
    );
    expect(() => parseCatalogue([{ ...tiny, name: 'Bad/Name' }])).toThrow(/0\.name/);
    expect(() => parseCatalogue([tiny, tiny])).toThrow(/1\.name: duplicate name "tiny"/);
    expect(() => parseCatalogue([{ ...tiny, model: { file: 'tiny.gguf', sha256: 'ABC' } }])).toThrow(
      /0\.model\.sha256: a lowercase hex sha256/,
    );
  });
});
