export type { OcrModelFiles } from './pipeline/ocr-models.js';
export { createOcrSkill, ocrLaunch, ocrSkill } from './skill.js';
export {
  type ReadTextInput,
  ReadTextInputSchema,
  type ReadTextOutput,
  ReadTextOutputSchema,
  type TextLine,
  TextLineSchema,
} from './tools/read-text.js';
