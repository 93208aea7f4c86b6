import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { photoPath } from '@mmskills/core/testing';
import { badImageCalls, connectInMemory, describeRefusals, textOf } from '@mmskills/skill-kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createOcrSkill, ocrSkill } from '../src/index.js';
import { dataUri, renderPage } from './fixtures/render-page.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const env = { ...process.env, MMSKILLS_FILE_ROOTS: repoRoot };
const dir = mkdtempSync(join(tmpdir(), 'mmskills-ocr-errors-'));

const smallPage = dataUri(
  await renderPage(400, 100, [{ text: 'Still alive 2025', x: 20, y: 60, font: 'DejaVu Sans', size: 28 }]),
);

describeRefusals({
  skill: ocrSkill,
  env,
  tool: 'read_text',
  cases: [
    ...(await badImageCalls()),
    ['a word for min_confidence', { image: photoPath('page'), min_confidence: 'high' }, /\/min_confidence/],
    ['min_confidence over 1', { image: photoPath('page'), min_confidence: 2 }, /\/min_confidence: .*1/],
  ],
  valid: { image: smallPage },
});

describe('read_text with bad models', () => {
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

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

  it("refuses a user model file that is not ONNX with the loader's reason, and keeps serving", async () => {
    const garbage = join(dir, 'not-a-model.onnx');
    writeFileSync(garbage, 'this is not an ONNX model\n'.repeat(50));
    const broken = await connectInMemory(createOcrSkill({ recModel: garbage }), env);
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await broken.callTool({ name: 'read_text', arguments: { image: smallPage } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(`could not load ONNX model "${garbage}"`);
    }
    await broken.close();
  }, 120_000);

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
