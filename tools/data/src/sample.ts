import { z } from 'zod';

/** One turn of a LLaVA conversation: `human` (the user, or an observation) or `gpt` (the model). */
export const DialogueTurnSchema = z.object({ from: z.enum(['human', 'gpt']), value: z.string() });
export type DialogueTurn = z.infer<typeof DialogueTurnSchema>;

/**
 * A training sample in LLaVA-Plus's JSON shape: `image` is relative to the image folder, the
 * first human turn starts with one `<image>\n` per picture, and `gpt` turns are unified-format
 * turns (`"thoughts🤔" … "actions🚀" […] "value👉" …`).
 * @see ../README.md "Sample shapes"
 */
export const SampleSchema = z.object({
  id: z.string().min(1),
  image: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  conversations: z.array(DialogueTurnSchema).min(2),
});
export type Sample = z.infer<typeof SampleSchema>;

const OpenAiPartSchema = z.union([
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('image_url'), image_url: z.object({ url: z.string() }) }),
]);

/** The same sample as OpenAI-style chat messages, the input most fine-tuning tools take. */
export const OpenAiSampleSchema = z.object({
  id: z.string().min(1),
  messages: z
    .array(
      z.object({
        role: z.enum(['user', 'assistant']),
        content: z.union([z.string(), z.array(OpenAiPartSchema)]),
      }),
    )
    .min(2),
});
export type OpenAiSample = z.infer<typeof OpenAiSampleSchema>;

export const SampleFormatSchema = z.enum(['llava', 'openai']);
export type SampleFormat = z.infer<typeof SampleFormatSchema>;

/** The token LLaVA puts in the first human turn for each picture. */
export const IMAGE_TOKEN = '<image>\n';

/** The picture paths of a sample, in order. */
export function imagesOf(sample: Sample): string[] {
  if (sample.image === undefined) return [];
  return typeof sample.image === 'string' ? [sample.image] : sample.image;
}

/** Renders a sample as chat messages: the `<image>` tokens become `image_url` parts of the first user message. */
export function toOpenAi(sample: Sample): OpenAiSample {
  const images = imagesOf(sample);
  const messages = sample.conversations.map((turn, index): OpenAiSample['messages'][number] => {
    if (turn.from === 'gpt') return { role: 'assistant', content: turn.value };
    if (index > 0 || images.length === 0) return { role: 'user', content: turn.value };
    return {
      role: 'user',
      content: [
        ...images.map((url) => ({ type: 'image_url' as const, image_url: { url } })),
        { type: 'text' as const, text: turn.value.replaceAll(IMAGE_TOKEN, '') },
      ],
    };
  });
  return { id: sample.id, messages };
}

/** Reads an OpenAI-style sample back into the LLaVA shape. */
export function fromOpenAi(sample: OpenAiSample): Sample {
  const images: string[] = [];
  const conversations = sample.messages.map((message): DialogueTurn => {
    const from = message.role === 'assistant' ? 'gpt' : 'human';
    if (typeof message.content === 'string') return { from, value: message.content };
    const urls = message.content.flatMap((part) => (part.type === 'image_url' ? [part.image_url.url] : []));
    images.push(...urls);
    const text = message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
    return { from, value: `${IMAGE_TOKEN.repeat(urls.length)}${text}` };
  });
  return {
    id: sample.id,
    ...(images.length === 1 ? { image: images[0] } : images.length > 1 ? { image: images } : {}),
    conversations,
  };
}

/** One JSON object per line, in the order given, with a final newline. */
export function toJsonl(samples: readonly Sample[], format: SampleFormat): string {
  return samples
    .map((sample) => `${JSON.stringify(format === 'openai' ? toOpenAi(sample) : sample)}\n`)
    .join('');
}

/**
 * Reads JSONL of either shape (or a JSON array of LLaVA samples, as LLaVA's own files are).
 * @throws {TypeError} naming the first line that is not a sample.
 */
export function parseSamples(text: string): Sample[] {
  const trimmed = text.trim();
  const entries: Array<{ line: number; value: unknown }> = [];
  if (trimmed.startsWith('[')) {
    (JSON.parse(trimmed) as unknown[]).forEach((value, index) => {
      entries.push({ line: index + 1, value });
    });
  } else {
    text.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        entries.push({ line: index + 1, value: JSON.parse(line) });
      } catch (error) {
        throw new TypeError(`line ${index + 1} is not JSON: ${(error as Error).message}`);
      }
    });
  }
  return entries.map(({ line, value }) => {
    const llava = SampleSchema.safeParse(value);
    if (llava.success) return llava.data;
    const openai = OpenAiSampleSchema.safeParse(value);
    if (openai.success) return fromOpenAi(openai.data);
    const issue = llava.error.issues[0];
    throw new TypeError(
      `sample ${line} is neither a LLaVA sample ({id, image, conversations}) nor an OpenAI one ({id, messages}): ${issue?.path.join('.') || '(sample)'} ${issue?.message ?? ''}`,
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
