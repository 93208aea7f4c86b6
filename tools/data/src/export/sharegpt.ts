import { z } from 'zod';
import type { Sample } from '../sample.js';
import { allImagesOf, countImageTokens, imageField } from './image-tokens.js';

/**
 * One line of LLaMA-Factory's multimodal "sharegpt" data (its `mllm_demo.json` layout), which is
 * also ms-swift's standard `messages` + `images` form: each `<image>` token in the messages, in
 * order, stands for the next path of `images`. `id` is ours; both tools drop columns they do not map.
 * @see ../../README.md "Sample shapes"
 */
export const ShareGptSampleSchema = z.object({
  id: z.string().min(1).optional(),
  messages: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })).min(2),
  images: z.array(z.string().min(1)),
});
export type ShareGptSample = z.infer<typeof ShareGptSampleSchema>;

/**
 * The sample with LLaVA's turns as `user` / `assistant` messages, unchanged (observations stay
 * user turns, as the host sends them), and every picture in `images`.
 * @throws {TypeError} when the `<image>` tokens do not match the pictures one to one: LLaMA-Factory
 * refuses such a sample at training time, so it is refused here.
 */
export function toShareGpt(sample: Sample): ShareGptSample {
  const images = allImagesOf(sample);
  const messages = sample.conversations.map((turn) => ({
    role: turn.from === 'gpt' ? ('assistant' as const) : ('user' as const),
    content: turn.value,
  }));
  const tokens = messages.reduce((sum, message) => sum + countImageTokens(message.content), 0);
  if (tokens !== images.length) {
    throw new TypeError(
      `sample ${sample.id} has ${tokens} <image> tokens for ${images.length} pictures; sharegpt needs one per picture`,
    );
  }
  return { id: sample.id, messages, images };
}

/** Reads a sharegpt line back into the LLaVA shape; `line` names a sample that has no id. */
export function fromShareGpt(sample: ShareGptSample, line: number): Sample {
  return {
    id: sample.id ?? `sharegpt:${line}`,
    ...imageField(sample.images),
    conversations: sample.messages.map((message) => ({
      from: message.role === 'assistant' ? 'gpt' : 'human',
      value: message.content,
    })),
  };
}

/** The entry LLaMA-Factory's `dataset_info.json` needs for a file of `toShareGpt` lines. */
export function llamaFactoryEntry(fileName: string) {
  return {
    file_name: fileName,
    formatting: 'sharegpt',
    columns: { messages: 'messages', images: 'images' },
    tags: { role_tag: 'role', content_tag: 'content', user_tag: 'user', assistant_tag: 'assistant' },
  };
}
