import { defineTool } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import type { Florence, FlorenceTask } from '../pipeline/florence.js';
import { ImageArgSchema, MaxTokensSchema } from './arguments.js';

const TASKS = {
  short: '<CAPTION>',
  detailed: '<DETAILED_CAPTION>',
  more_detailed: '<MORE_DETAILED_CAPTION>',
} as const satisfies Record<string, FlorenceTask>;

export const DescribeImageInputSchema = z.object({
  image: ImageArgSchema,
  detail: z
    .enum(['short', 'detailed', 'more_detailed'])
    .default('short')
    .describe(
      'How much to say: "short" is one sentence, "detailed" a longer sentence or two, "more_detailed" a paragraph',
    ),
  max_tokens: MaxTokensSchema,
});
export type DescribeImageInput = z.infer<typeof DescribeImageInputSchema>;

export const DescribeImageOutputSchema = z.object({
  caption: z.string().describe('What the model says the picture shows'),
  detail: z.enum(['short', 'detailed', 'more_detailed']).describe('The detail asked for'),
  task: z
    .string()
    .describe('The Florence-2 task that wrote it: <CAPTION>, <DETAILED_CAPTION> or <MORE_DETAILED_CAPTION>'),
  truncated: z.boolean().describe('True when the caption hit max_tokens before the model ended it'),
});
export type DescribeImageOutput = z.infer<typeof DescribeImageOutputSchema>;

/** `describe_image`: a caption of the picture, at one of Florence-2's three levels of detail. */
export function describeImageTool(florence: Florence) {
  return defineTool({
    name: 'describe_image',
    title: 'Describe image',
    description:
      'Says in words what a picture shows (Florence-2 captioning): a short caption, a detailed one, or a paragraph.',
    input: DescribeImageInputSchema,
    output: DescribeImageOutputSchema,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    icons: icon('caption'),
    examples: [
      {
        request: 'What is in this picture?',
        API_params: { image: 'image_1' },
        answer: 'The picture shows: {caption}',
      },
      {
        request: 'Describe this photo in detail.',
        API_params: { image: 'image_1', detail: 'more_detailed' },
        answer: '{caption}',
      },
    ],
    async run({ image, detail, max_tokens }, context) {
      const decoded = await context.loadImage(image);
      context.signal.throwIfAborted();
      context.progress('writing the caption');
      const task = TASKS[detail];
      const generation = await florence.generate(task, decoded, max_tokens);
      const caption = await florence.plainText(generation.text, task);
      const output: DescribeImageOutput = { caption, detail, task, truncated: !generation.finished };
      const note = output.truncated ? ` (cut at ${max_tokens} tokens)` : '';
      return { structured: output, text: caption ? `${caption}${note}` : 'The model wrote no caption.' };
    },
  });
}
