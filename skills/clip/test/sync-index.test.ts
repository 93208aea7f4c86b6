import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeImage } from '@mmskills/image';
import { describe, expect, it } from 'vitest';
import { ClipModels } from '../src/pipeline/clip-models.js';
import { syncIndex } from '../src/pipeline/sync-index.js';
import { writeTinyModel } from './fixtures/tiny-models.js';
import { solidPng } from './pictures.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('syncIndex, cancelled part-way', () => {
  it('keeps the pictures embedded before the cancel, throws, and embeds only the rest next time', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mmskills-clip-sync-'));
    const folder = join(root, 'pictures');
    mkdirSync(folder);
    for (let i = 0; i < 6; i++)
      writeFileSync(
        join(folder, `p${i}.png`),
        await solidPng(`#${(i * 40).toString(16).padStart(2, '0')}0000`),
      );
    const models = new ClipModels(writeTinyModel(join(root, 'model'), 'clip'), process.env);
    const controller = new AbortController();
    let embedded = 0;
    const request = (signal?: AbortSignal) => ({
      model: models.folder().key,
      folder,
      recursive: false,
      dir: join(root, 'index'),
      vision: () => models.load('vision'),
      loadImage: async (file: string) => decodeImage(await readFile(file)),
      onEmbedded: (count: number) => {
        embedded += count;
        controller.abort();
      },
      progress: () => {},
      log: quiet,
      signal,
    });
    await expect(syncIndex(request(controller.signal))).rejects.toThrow(/abort/i);
    expect(embedded).toBe(4);
    const rest = await syncIndex(request());
    expect(rest).toMatchObject({ added: 2, updated: 0, removed: 0 });
    expect(rest.index.rows).toHaveLength(6);
    expect(embedded).toBe(6);
  });
});
