import { z } from 'zod';
import { IMAGE_TOKEN } from './export/image-tokens.js';
import { fromOpenAi, OpenAiSampleSchema, toOpenAi } from './export/openai.js';
import { fromShareGpt, ShareGptSampleSchema, toShareGpt } from './export/sharegpt.js';

export { allImagesOf, IMAGE_PLACEHOLDER, IMAGE_TOKEN, imagesOf } from './export/image-tokens.js';
export { fromOpenAi, type OpenAiSample, OpenAiSampleSchema, toOpenAi } from './export/openai.js';

/** One turn of a LLaVA conversation: `human` (the user, or an observation) or `gpt` (the model). */
export const DialogueTurnSchema = z.object({ from: z.enum(['human', 'gpt']), value: z.string() });
export type DialogueTurn = z.infer<typeof DialogueTurnSchema>;

/**
 * A training sample in LLaVA-Plus's JSON shape: `image` is relative to the image folder, the
 * first human turn starts with one `<image>\n` per picture the user sent, an observation turn
 * holds one `<image>` per picture a tool returned (after the user's in `image`), and `gpt` turns
 * are unified-format turns (`"thoughts🤔" … "actions🚀" […] "value👉" …`).
 * @see ../README.md "Sample shapes"
 */
export const SampleSchema = z.object({
  id: z.string().min(1),
  image: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  conversations: z.array(DialogueTurnSchema).min(2),
});
export type Sample = z.infer<typeof SampleSchema>;

export const SampleFormatSchema = z.enum(['llava', 'openai', 'sharegpt']);
export type SampleFormat = z.infer<typeof SampleFormatSchema>;

const RENDER: Record<SampleFormat, (sample: Sample) => unknown> = {
  llava: (sample) => sample,
  openai: toOpenAi,
  sharegpt: toShareGpt,
};

/** One JSON object per line, in the order given, with a final newline. */
export function toJsonl(samples: readonly Sample[], format: SampleFormat): string {
  return samples.map((sample) => `${JSON.stringify(RENDER[format](sample))}\n`).join('');
}

function entriesOf(text: string): Array<{ line: number; value: unknown }> {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    return (JSON.parse(trimmed) as unknown[]).map((value, index) => ({ line: index + 1, value }));
  }
  return text.split('\n').flatMap((line, index) => {
    if (line.trim() === '') return [];
    try {
      return [{ line: index + 1, value: JSON.parse(line) as unknown }];
    } catch (error) {
      throw new TypeError(`line ${index + 1} is not JSON: ${(error as Error).message}`);
    }
  });
}

/**
 * Reads JSONL of any of the three shapes (or a JSON array of LLaVA samples, as LLaVA's own files are).
 * @throws {TypeError} naming the first line that is not a sample.
 */
export function parseSamples(text: string): Sample[] {
  return entriesOf(text).map(({ line, value }) => {
    const llava = SampleSchema.safeParse(value);
    if (llava.success) return llava.data;
    // Before OpenAI's: an OpenAI sample has no `images`, and its schema would drop them.
    const sharegpt = ShareGptSampleSchema.safeParse(value);
    if (sharegpt.success) return fromShareGpt(sharegpt.data, line);
    const openai = OpenAiSampleSchema.safeParse(value);
    if (openai.success) return fromOpenAi(openai.data);
    const issue = llava.error.issues[0];
    throw new TypeError(
      `sample ${line} is neither a LLaVA sample ({id, image, conversations}), an OpenAI one ({id, messages}) nor a sharegpt one ({messages, images}): ${issue?.path.join('.') || '(sample)'} ${issue?.message ?? ''}`,
    );
  });
}

/** The first human turn's question, without `<image>` tokens and image handles. */
export function questionOf(sample: Sample): string {
  const first = sample.conversations.find((turn) => turn.from === 'human')?.value ?? '';
  return first
    .replaceAll(IMAGE_TOKEN, '')
    .replace(/^(?:<image_\d+>\s*)+/, '')
    .trim();
}
