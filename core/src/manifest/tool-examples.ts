import { z } from 'zod';
import { parseAnswerTemplate } from './answer-template.js';

/** The `_meta` key of a tool descriptor under which its examples are published. */
export const TOOL_EXAMPLES_META_KEY = 'io.mmskills/examples';

/**
 * One worked use of a tool, the seed of LLaVA-Plus-style instruction data: what a user asks,
 * the `API_params` the model should send (images by handle, `image_1`), and an answer template
 * filled from the tool's structured output.
 * @see ../../README.md "Tool examples"
 */
export const ToolExampleSchema = z.object({
  request: z.string().trim().min(1).max(500).describe('What the user asks, without the image'),
  API_params: z
    .record(z.string(), z.unknown())
    .describe('Arguments the model should send; image arguments name a handle such as image_1'),
  answer: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .superRefine((template, ctx) => {
      try {
        parseAnswerTemplate(template);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .describe('Final answer with {path} placeholders into the structured output, e.g. {objects.length}'),
});
export type ToolExample = z.infer<typeof ToolExampleSchema>;

export const ToolExamplesSchema = z.array(ToolExampleSchema).max(32);

/**
 * The examples a tool descriptor publishes; `[]` when it has none.
 * @throws {z.ZodError} when the `_meta` entry is malformed.
 */
export function toolExamplesOf(tool: { _meta?: Record<string, unknown> | undefined }): ToolExample[] {
  const raw = tool._meta?.[TOOL_EXAMPLES_META_KEY];
  return raw === undefined ? [] : ToolExamplesSchema.parse(raw);
}
