import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pngClaiming } from '@mmskills/image/testing';
import { connectInMemory, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClipSkill } from '../src/index.js';
import { writeTinyModel } from './fixtures/tiny-models.js';
import { dataUri, solidPng } from './pictures.js';

const root = mkdtempSync(join(tmpdir(), 'mmskills-clip-errors-'));
const photos = join(root, 'photos');
const outside = join(root, 'elsewhere');
const env = { ...process.env, MMSKILLS_FILE_ROOTS: photos, MMSKILLS_CLIP_INDEX_DIR: join(root, 'index') };
const red = dataUri(await solidPng('#ff0000'));
const labels = ['red', 'green'];

const cases: Array<[string, string, Record<string, unknown>, RegExp]> = [
  ['an empty image', 'classify_image', { image: '', labels }, /image is empty/],
  [
    'a corrupt image',
    'classify_image',
    { image: dataUri(Buffer.from('nope')), labels },
    /not in a supported format|corrupt|not accepted/,
  ],
  [
    'a 20000×20000 header',
    'classify_image',
    { image: dataUri(await pngClaiming(20_000, 20_000)), labels },
    /over the 40\.0 MP limit/,
  ],
  ['one label', 'classify_image', { image: red, labels: ['red'] }, /at least 2/],
  [
    '101 labels',
    'classify_image',
    { image: red, labels: Array.from({ length: 101 }, (_, i) => `l${i}`) },
    /at most 100/,
  ],
  ['a repeated label', 'classify_image', { image: red, labels: ['red', 'red'] }, /labels repeat/],
  ['an empty label', 'classify_image', { image: red, labels: ['red', ' '] }, /label is empty/],
  ['a template without {}', 'classify_image', { image: red, labels, template: 'a photo' }, /exactly once/],
  [
    'a file outside the roots',
    'classify_image',
    { image: '/etc/hostname', labels },
    /outside the allowed roots/,
  ],
  ['neither query nor image', 'search_images', { folder: photos }, /either query .* or image/],
  [
    'both query and image',
    'search_images',
    { folder: photos, query: 'red', image: red },
    /either query .* or image/,
  ],
  ['top_k 0', 'search_images', { folder: photos, query: 'red', top_k: 0 }, /\/top_k: /],
  [
    'a folder outside the roots',
    'search_images',
    { folder: outside, query: 'red' },
    /folder .*elsewhere is outside the allowed roots/,
  ],
  ['/etc', 'search_images', { folder: '/etc', query: 'red' }, /outside the allowed roots/],
  [
    'a missing folder inside the roots',
    'search_images',
    { folder: join(photos, 'nope'), query: 'red' },
    /does not exist/,
  ],
  [
    'a file for a folder',
    'search_images',
    { folder: join(photos, 'red.png'), query: 'red' },
    /is not a folder/,
  ],
];

describe('the clip skill refuses bad input clearly and serves on', () => {
  let client: Client;
  beforeAll(async () => {
    mkdirSync(photos, { recursive: true });
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(photos, 'red.png'), await solidPng('#ff0000'));
    writeFileSync(join(outside, 'secret.png'), await solidPng('#00ff00'));
    const model = writeTinyModel(join(root, 'model'), 'clip');
    client = await connectInMemory(createClipSkill({ model, env }), env);
  });

  it.each(cases)('%s', async (_label, name, args, message) => {
    const result = await client.callTool({ name, arguments: args });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    const after = await client.callTool({ name: 'classify_image', arguments: { image: red, labels } });
    expect(after.structuredContent).toMatchObject({ best: 'red' });
  });

  it('skips a picture in the folder that links outside the roots, and shows nothing of it', async () => {
    symlinkSync(join(outside, 'secret.png'), join(photos, 'peek.png'));
    const result = await client.callTool({
      name: 'search_images',
      arguments: { folder: photos, query: 'green' },
    });
    const found = result.structuredContent as {
      results: Array<{ file: string }>;
      skipped: Array<{ file: string; reason: string }>;
    };
    expect(found.results.map(({ file }) => file)).toEqual([join(photos, 'red.png')]);
    expect(found.skipped).toEqual([
      { file: join(photos, 'peek.png'), reason: expect.stringMatching(/outside the allowed roots/) },
    ]);
  });
});

describe('the clip skill without its model', () => {
  const empty = mkdtempSync(join(tmpdir(), 'mmskills-clip-nomodel-'));
  const bare = { ...env, MMSKILLS_MODEL_DIR: empty };

  it('answers every call with the pull command, and /health says the model is missing', async () => {
    const skill = createClipSkill({ env: bare });
    const client = await connectInMemory(skill, bare);
    for (const [name, args] of [
      ['classify_image', { image: red, labels }],
      ['classify_image', { image: 'not even an image', labels: ['x'] }],
      ['search_images', { folder: photos, query: 'red' }],
    ] as const) {
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError).toBe(true);
      if (name === 'search_images' || args.labels.length > 1) {
        expect(textOf(result)).toMatch(/`npx mmskills model pull clip-vit-base-patch32`/);
      }
    }
    expect(skill.model?.()).toMatchObject({
      source: 'missing',
      loaded: false,
      error: expect.stringMatching(/model pull clip-vit-base-patch32/),
    });
  });

  it('names the SigLIP pull command when SigLIP is chosen, and refuses a folder that is not a model', async () => {
    const client = await connectInMemory(
      createClipSkill({ model: 'siglip-base-patch16-224', env: bare }),
      bare,
    );
    const result = await client.callTool({ name: 'classify_image', arguments: { image: red, labels } });
    expect(textOf(result)).toMatch(/npx mmskills model pull siglip-base-patch16-224/);
    const notModel = await connectInMemory(createClipSkill({ model: photos, env: bare }), bare);
    const refused = await notModel.callTool({
      name: 'search_images',
      arguments: { folder: photos, query: 'red' },
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/has no config\.json/);
  });
});
