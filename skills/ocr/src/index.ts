export type { OcrModelFiles } from './pipeline/ocr-models.js';
export { createOcrSkill, ocrSkill } from './skill.js';
export {
  type ReadTextInput,
  ReadTextInputSchema,
  type ReadTextOutput,
  ReadTextOutputSchema,
  type TextLine,
  TextLineSchema,
} from './tools/read-text.js';
