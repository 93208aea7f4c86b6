import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectInMemory, imageBlocks, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClipSkill } from '../src/index.js';
import { imageEmbedding, textEmbedding } from './expected.js';
import { writeTinyModel } from './fixtures/tiny-models.js';
import { dataUri, solidPng } from './pictures.js';

type Search = {
  results: Array<{ file: string; score: number }>;
  indexed: number;
  added: number;
  updated: number;
  removed: number;
  skipped: Array<{ file: string; reason: string }>;
};

const MODELS = [
  ['clip', 'clip-vit-base-patch32'],
  ['siglip', 'siglip-base-patch16-224'],
] as const;

describe.each(MODELS)('search_images on a tiny %s model pulled as %s', (family, name) => {
  const root = mkdtempSync(join(tmpdir(), `mmskills-clip-search-${family}-`));
  const photos = join(root, 'photos');
  const env = { ...process.env, MMSKILLS_MODEL_DIR: join(root, 'models'), MMSKILLS_FILE_ROOTS: photos };
  const skill = createClipSkill({ model: name, env });
  const embedded = () => (skill.model?.() as { index_embeddings?: number } | undefined)?.index_embeddings;
  let client: Client;
  const search = async (args: Record<string, unknown>) => {
    const result = await client.callTool({ name: 'search_images', arguments: { folder: photos, ...args } });
    expect(result.isError, textOf(result)).toBeFalsy();
    return {
      result,
      found: result.structuredContent as Search,
      names: () =>
        (result.structuredContent as Search).results.map(({ file }) => file.slice(photos.length + 1)),
    };
  };

  beforeAll(async () => {
    writeTinyModel(join(root, 'models', name), family);
    mkdirSync(join(photos, 'sub'), { recursive: true });
    for (const [file, colour] of [
      ['red.png', '#ff0000'],
      ['green.png', '#00ff00'],
      ['blue.png', '#0000ff'],
      ['sub/blue-too.png', '#0000ff'],
    ]) {
      writeFileSync(join(photos, file as string), await solidPng(colour as string));
    }
    writeFileSync(join(photos, 'notes.txt'), 'not a picture, and not named like one');
    client = await connectInMemory(skill, env);
  });

  it('ranks the folder by a text query, indexing every picture once, in the one cache', async () => {
    const { found, names, result } = await search({ query: 'red', top_k: 3 });
    expect(names()).toEqual(['red.png', expect.any(String), expect.any(String)]);
    // The bare query is "red" with CLIP's start and end tokens; SigLIP's end token embeds to nothing.
    const cosine = imageEmbedding(family, [255, 0, 0]).reduce(
      (sum, x, i) => sum + x * (textEmbedding('red', family === 'clip' ? 2 : 0)[i] ?? 0),
      0,
    );
    expect(found.results[0]?.score).toBeCloseTo(cosine, 3);
    expect(found).toMatchObject({ indexed: 3, added: 3, updated: 0, removed: 0, skipped: [] });
    expect(embedded()).toBe(3);
    const sheet = await sharp(imageBlocks(result)[0]?.data).metadata();
    expect([sheet.width, sheet.height]).toEqual([3 * 160 + 4 * 8, 160 + 2 * 8]);
    const indexRoot = join(root, 'index', 'clip', name);
    expect(readdirSync(join(indexRoot, readdirSync(indexRoot)[0] ?? '')).sort()).toEqual([
      expect.stringMatching(/^embeddings-[0-9a-f-]+\.f32$/),
      'manifest.json',
    ]);
  });

  it('answers the next query from the index without embedding any picture again', async () => {
    const { found, names } = await search({ query: 'blue', top_k: 1 });
    expect(names()).toEqual(['blue.png']);
    expect(found).toMatchObject({ indexed: 3, added: 0, updated: 0, removed: 0 });
    expect(embedded()).toBe(3);
  });

  it('finds pictures like an example picture', async () => {
    const { names, found } = await search({ image: dataUri(await solidPng('#00ee00')), top_k: 1 });
    expect(names()).toEqual(['green.png']);
    expect(found.results[0]?.score).toBeGreaterThan(0.99);
    expect(embedded()).toBe(3);
  });

  it('embeds an added picture, and only it', async () => {
    writeFileSync(join(photos, 'dark-red.png'), await solidPng('#c00000'));
    const { found, names } = await search({ query: 'red', top_k: 2 });
    expect(found).toMatchObject({ indexed: 4, added: 1, updated: 0, removed: 0 });
    expect(names().sort()).toEqual(['dark-red.png', 'red.png']);
    expect(embedded()).toBe(4);
  });

  it('embeds a changed picture again', async () => {
    writeFileSync(join(photos, 'green.png'), await solidPng('#0000ff'));
    utimesSync(join(photos, 'green.png'), new Date(), new Date(Date.now() + 5_000));
    const { found, names } = await search({ query: 'blue', top_k: 2 });
    expect(found).toMatchObject({ indexed: 4, added: 0, updated: 1, removed: 0 });
    expect(names().sort()).toEqual(['blue.png', 'green.png']);
    expect(embedded()).toBe(5);
  });

  it('drops a removed picture', async () => {
    rmSync(join(photos, 'dark-red.png'));
    const { found, names } = await search({ query: 'red', top_k: 5 });
    expect(found).toMatchObject({ indexed: 3, added: 0, updated: 0, removed: 1 });
    expect(names()).not.toContain('dark-red.png');
    expect(embedded()).toBe(5);
  });

  it('lists a picture that will not decode, and does not retry it until it changes', async () => {
    writeFileSync(join(photos, 'broken.png'), 'this is not a PNG');
    const first = await search({ query: 'red' });
    expect(first.found.skipped).toEqual([
      {
        file: join(photos, 'broken.png'),
        reason: expect.stringMatching(/not in a supported format|corrupt|not accepted/),
      },
    ]);
    expect(first.found).toMatchObject({ indexed: 3, added: 0, updated: 0 });
    const again = await search({ query: 'red' });
    expect(again.found).toMatchObject({
      indexed: 3,
      added: 0,
      updated: 0,
      skipped: [{ file: join(photos, 'broken.png') }],
    });
    rmSync(join(photos, 'broken.png'));
    expect((await search({ query: 'red' })).found).toMatchObject({ removed: 1, skipped: [] });
    expect(embedded()).toBe(5);
  });

  it('rebuilds a corrupt index', async () => {
    const indexRoot = join(root, 'index', 'clip', name);
    const dir = join(indexRoot, readdirSync(indexRoot)[0] ?? '');
    writeFileSync(join(dir, 'manifest.json'), '{"version": 1, "files": ');
    const { found, names } = await search({ query: 'red', top_k: 1 });
    expect(found).toMatchObject({ indexed: 3, added: 3 });
    expect(names()).toEqual(['red.png']);
    expect(embedded()).toBe(8);
  });

  it('looks into subfolders only when asked, with an index of its own', async () => {
    const flat = await search({ query: 'blue', top_k: 10 });
    expect(flat.names()).not.toContain(join('sub', 'blue-too.png'));
    const deep = await search({ query: 'blue', top_k: 10, recursive: true });
    expect(deep.names()).toContain(join('sub', 'blue-too.png'));
    expect(deep.found).toMatchObject({ indexed: 4, added: 4 });
  });
});
