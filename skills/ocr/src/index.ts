export type { OcrModelFiles } from './pipeline/model-files.js';
export { createOcrSkill, ocrLaunch, ocrSkill } from './skill.js';
export { type ReadTextInput, ReadTextInputSchema } from './tools/read-text.js';
export {
  type ReadTextOutput,
  ReadTextOutputSchema,
  type TableCell,
  TableCellSchema,
  type TextBlock,
  TextBlockSchema,
  type TextLine,
  TextLineSchema,
} from './tools/read-text-output.js';
