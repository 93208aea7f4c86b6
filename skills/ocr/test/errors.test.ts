import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { connectInMemory, photoPath, textOf } from '@mmskills/core/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOcrSkill, ocrSkill } from '../src/index.js';
import { dataUri, renderPage } from './fixtures/render-page.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const env = { ...process.env, MMSKILLS_FILE_ROOTS: repoRoot };
const dir = mkdtempSync(join(tmpdir(), 'mmskills-ocr-errors-'));

/** A real 1×1 PNG whose header claims `width` × `height`: pixels behind it there are none. */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(
    await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
      .png()
      .toBuffer(),
  );
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

const png = readFileSync(photoPath('page'));
const badCalls: Array<[string, Record<string, unknown>, RegExp]> = [
  ['a zero-byte image', { image: 'data:image/png;base64,' }, /empty \(0 bytes\)/],
  [
    'bytes that are no image',
    { image: `data:image/png;base64,${'A'.repeat(400)}` },
    /not in a supported format/,
  ],
  ['a truncated PNG', { image: dataUri(png.subarray(0, png.length / 2)) }, /corrupt/],
  [
    'a 20000×20000 PNG header',
    { image: dataUri(await pngClaiming(20000, 20000)) },
    /20000×20000 .* over the/,
  ],
  ['a path outside the allowed roots', { image: '/etc/hostname' }, /./],
  ['a path that does not exist', { image: join(repoRoot, 'test/photos/nothing.png') }, /./],
  ['a number for the image', { image: 42 }, /\/image: .*string/i],
  ['no image at all', {}, /\/image/],
  ['a word for min_confidence', { image: photoPath('page'), min_confidence: 'high' }, /\/min_confidence/],
  ['min_confidence over 1', { image: photoPath('page'), min_confidence: 2 }, /\/min_confidence: .*1/],
];

describe('read_text with bad input', () => {
  let client: Client;
  let smallPage: string;

  beforeAll(async () => {
    client = await connectInMemory(ocrSkill, env);
    smallPage = dataUri(
      await renderPage(400, 100, [{ text: 'Still alive 2025', x: 20, y: 60, font: 'DejaVu Sans', size: 28 }]),
    );
  });

  afterAll(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(badCalls)('answers %s with a clear error', async (_, args, message) => {
    const result = await client.callTool({ name: 'read_text', arguments: args });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(textOf(result)).not.toMatch(/failed on the server/);
  });

  it('still reads text after all of them', async () => {
    const result = await client.callTool({ name: 'read_text', arguments: { image: smallPage } });
    expect(result.structuredContent).toMatchObject({ text: 'Still alive 2025' });
  }, 120_000);

  it('names a missing user model file, and the flag and variable that set it', async () => {
    const missing = join(dir, 'no-such-det.onnx');
    const skill = createOcrSkill({ detModel: missing });
    expect(skill.model?.()).toMatchObject({ loaded: false, error: expect.stringContaining(missing) });
    const broken = await connectInMemory(skill, env);
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await broken.callTool({ name: 'read_text', arguments: { image: smallPage } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        `OCR text detection model: no model file at "${missing}". ` +
          'Fix --det-model or MMSKILLS_OCR_DET_MODEL to name an existing file.',
      );
    }
    await broken.close();
  });

  it('says when a user dictionary does not fit the recognition model', async () => {
    const dict = join(dir, 'short-dict.txt');
    writeFileSync(dict, 'a\nb\nc\n');
    const broken = await connectInMemory(createOcrSkill({ dict }), env);
    const result = await broken.callTool({ name: 'read_text', arguments: { image: smallPage } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(
      `the OCR dictionary "${dict}" has 3 characters but the recognition model reads 6623`,
    );
    await broken.close();
  }, 120_000);
});
