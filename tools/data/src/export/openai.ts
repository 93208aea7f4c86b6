import { z } from 'zod';
import type { DialogueTurn, Sample } from '../sample.js';
import { allImagesOf, countImageTokens, IMAGE_PLACEHOLDER, IMAGE_TOKEN, imageField } from './image-tokens.js';

const OpenAiPartSchema = z.union([
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('image_url'), image_url: z.object({ url: z.string() }) }),
]);
type OpenAiPart = z.infer<typeof OpenAiPartSchema>;

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

const imagePart = (url: string): OpenAiPart => ({ type: 'image_url', image_url: { url } });

/**
 * Renders a sample as chat messages. The question's pictures become `image_url` parts before its
 * text (its `<image>\n` tokens dropped); a later human turn's `<image>` tokens (pictures tools
 * returned, shown after their observation) become `image_url` parts where they stand.
 * @throws {TypeError} when the turns hold more `<image>` tokens than the sample has pictures.
 * @see ../../README.md "Sample shapes"
 */
export function toOpenAi(sample: Sample): OpenAiSample {
  const images = allImagesOf(sample);
  let next = 0;
  const take = () => {
    const url = images[next++];
    if (url === undefined) throw new TypeError(`sample ${sample.id} has more <image> tokens than pictures`);
    return imagePart(url);
  };
  const later = sample.conversations
    .slice(1)
    .reduce((sum, turn) => sum + (turn.from === 'human' ? countImageTokens(turn.value) : 0), 0);
  const messages = sample.conversations.map((turn, index): OpenAiSample['messages'][number] => {
    if (turn.from === 'gpt') return { role: 'assistant', content: turn.value };
    if (index === 0) {
      // Older LLaVA files may leave the token out of the first turn: it then takes the pictures.
      const count = countImageTokens(turn.value) || Math.max(0, images.length - later);
      if (count === 0) return { role: 'user', content: turn.value };
      const parts = Array.from({ length: count }, take);
      return {
        role: 'user',
        content: [...parts, { type: 'text', text: turn.value.replaceAll(IMAGE_TOKEN, '') }],
      };
    }
    const pieces = turn.value.split(IMAGE_PLACEHOLDER);
    if (pieces.length === 1) return { role: 'user', content: turn.value };
    const content = pieces.flatMap((text, at): OpenAiPart[] => [
      ...(at > 0 ? [take()] : []),
      ...(text ? [{ type: 'text' as const, text }] : []),
    ]);
    return { role: 'user', content };
  });
  return { id: sample.id, messages };
}

/** Reads an OpenAI-style sample back into the LLaVA shape. */
export function fromOpenAi(sample: OpenAiSample): Sample {
  const images: string[] = [];
  const conversations = sample.messages.map((message, index): DialogueTurn => {
    const from = message.role === 'assistant' ? 'gpt' : 'human';
    if (typeof message.content === 'string') return { from, value: message.content };
    if (index === 0) {
      const urls = message.content.flatMap((part) => (part.type === 'image_url' ? [part.image_url.url] : []));
      images.push(...urls);
      const text = message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
      return { from, value: `${IMAGE_TOKEN.repeat(urls.length)}${text}` };
    }
    const value = message.content
      .map((part) => {
        if (part.type === 'text') return part.text;
        images.push(part.image_url.url);
        return IMAGE_PLACEHOLDER;
      })
      .join('');
    return { from, value };
  });
  return { id: sample.id, ...imageField(images), conversations };
}
