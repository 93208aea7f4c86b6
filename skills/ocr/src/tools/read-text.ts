import { defineTool } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import { layoutPage } from '../pipeline/layout/page-layout.js';
import { readLines } from '../pipeline/read-page.js';
import type { OcrReader } from '../reader/ocr-reader.js';
import { ReadTextOutputSchema, readTextOutput, renderReadText } from './read-text-output.js';

export const ReadTextInputSchema = z.object({
  image: z
    .string()
    .describe(
      'The image to read: a data: URI, a file path or file:// URI inside the allowed roots, or an http(s) URL where allowed',
    ),
  min_confidence: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe('Drop lines whose recognition confidence (0..1) is below this; default 0.5'),
});
export type ReadTextInput = z.infer<typeof ReadTextInputSchema>;

/** The `read_text` tool, reading with the given models. */
export function createReadTextTool(models: OcrReader) {
  return defineTool({
    name: 'read_text',
    title: 'Read text (OCR)',
    description:
      'Reads the printed text in an image (English and Chinese; scans, screenshots, photos, signs, receipts). ' +
      'Returns each line with its box and confidence in reading order (text columns one after another, ' +
      'table rows left to right), and the layout: paragraphs and tables, each table as rows of cells.',
    input: ReadTextInputSchema,
    output: ReadTextOutputSchema,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    icons: icon('ocr'),
    examples: [
      {
        request: 'What is written in this image?',
        API_params: { image: 'image_1' },
        answer: 'The text reads:\n{text|(no text found)}',
      },
      {
        request: 'Read only the lines you are sure of.',
        API_params: { image: 'image_1', min_confidence: 0.9 },
        answer: 'Lines read with a confidence of at least 0.9: {lines.length}.\n{text|}',
      },
      {
        request: 'How many lines of text are there?',
        API_params: { image: 'image_1' },
        answer: 'Lines of text read: {lines.length}.',
      },
    ],
    run: ({ image, min_confidence }, context) =>
      // The whole call as one busy stretch: the models' spare lanes do not open in the middle of it.
      models.reading(async () => {
        const decoded = await context.loadImage(image);
        // Only the first call waits here long enough for a heartbeat to say so.
        context.progress('loading the OCR models');
        await models.load();
        // Laid out once: the layout gives the reading order too.
        const read = await readLines(models.engine, decoded, {
          minConfidence: min_confidence,
          signal: context.signal,
          onStage: (stage) => context.progress(stage),
        });
        const output = readTextOutput(read, layoutPage(read), decoded.width, decoded.height);
        return { structured: output, text: renderReadText(output, min_confidence) };
      }),
  });
}
