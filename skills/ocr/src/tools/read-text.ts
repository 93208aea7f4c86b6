import { BoxSchema, clampBox, defineTool, normaliseBox } from '@mmskills/core';
import { z } from 'zod';
import { icon } from '../icons.js';
import type { OcrModelHolder } from '../pipeline/ocr-models.js';
import { type ReadLine, readPage } from '../pipeline/read-page.js';

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

export const TextLineSchema = z.object({
  text: z.string().describe('The text of the line'),
  box: BoxSchema,
  confidence: z
    .number()
    .min(0)
    .max(1)
    .describe('Recognition confidence 0..1: mean probability of its characters'),
});
export type TextLine = z.infer<typeof TextLineSchema>;

export const ReadTextOutputSchema = z.object({
  text: z.string().describe('All lines joined by newlines, in reading order; empty when no text was found'),
  lines: z
    .array(TextLineSchema)
    .describe('The lines in reading order: top to bottom, then left to right within a row'),
});
export type ReadTextOutput = z.infer<typeof ReadTextOutputSchema>;

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function toTextLine(line: ReadLine, width: number, height: number): TextLine {
  const box = clampBox(normaliseBox(line.bounds, width, height)).map((v) => round(v, 4));
  return { text: line.text, box: box as TextLine['box'], confidence: round(line.confidence, 3) };
}

function render(lines: readonly TextLine[], text: string, minConfidence: number): string {
  if (lines.length === 0) return `No text found (min_confidence ${minConfidence}).`;
  const count = lines.length === 1 ? '1 line' : `${lines.length} lines`;
  return `${count} of text:\n${text}`;
}

/** The `read_text` tool, reading with the given models. */
export function createReadTextTool(models: OcrModelHolder) {
  return defineTool({
    name: 'read_text',
    title: 'Read text (OCR)',
    description:
      'Reads the printed text in an image (English and Chinese; scans, screenshots, photos, signs, receipts). ' +
      'Returns each line with its box and confidence, in reading order: top to bottom, then left to right.',
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
    async run({ image, min_confidence }, context) {
      const decoded = await context.loadImage(image);
      // Only the first call waits here long enough for a heartbeat to say so.
      context.progress('loading the OCR models');
      const loaded = await models.load();
      const read = await readPage(loaded, decoded, {
        minConfidence: min_confidence,
        signal: context.signal,
        onStage: (stage) => context.progress(stage),
      });
      const lines = read.map((line) => toTextLine(line, decoded.width, decoded.height));
      const text = lines.map((line) => line.text).join('\n');
      return { structured: { text, lines }, text: render(lines, text, min_confidence) };
    },
  });
}
