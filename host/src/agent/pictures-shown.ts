import { fitImage } from '@mmskills/skill-kit';
import { z } from 'zod';
import type { ChatMessage, ContentPart } from '../lmm/backend.js';
import type { StoredImage } from './image-store.js';

/**
 * Which pictures that tools return the model is shown again ("thinking with images": a crop or
 * zoom only helps if the model looks at it). Each picture is scaled to `maxSide`; at most
 * `perStep` of one step's pictures are shown; over a conversation the pictures shown add up to at
 * most `maxPixels`, the oldest dropped first with a note. The user's own pictures are not counted:
 * they are the question. Handles stay valid whatever is shown.
 */
export const PictureBudgetSchema = z.object({
  perStep: z.number().int().min(0).max(16).default(4),
  maxSide: z.number().int().min(64).max(4096).default(1024),
  maxPixels: z.number().int().min(0).default(8_000_000),
});
export type PictureBudget = z.infer<typeof PictureBudgetSchema>;

// A shown picture is at most this heavy; `maxSide` is what bounds it in practice.
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * The parts that show one step's tool-made pictures, each after a line naming its handle (the
 * model passes that handle on to look again), and a note for those past `perStep`.
 */
export async function picturesForStep(
  images: readonly StoredImage[],
  budget: PictureBudget,
): Promise<ContentPart[]> {
  const parts: ContentPart[] = [];
  for (const image of images.slice(0, budget.perStep)) {
    const view = await fitImage(
      { data: image.data, mimeType: image.mimeType },
      { maxSide: budget.maxSide, maxBytes: MAX_BYTES },
    );
    const pixels = view.width * view.height;
    if (pixels === 0 || pixels > budget.maxPixels) {
      const why =
        pixels === 0 ? 'it is not a picture format the model reads' : 'it alone exceeds the picture budget';
      parts.push({ type: 'text', text: `\n<${image.handle}> from ${image.source} is not shown: ${why}.` });
      continue;
    }
    parts.push(
      { type: 'text', text: `\n<${image.handle}> from ${image.source}:` },
      { type: 'image', data: view.data, mimeType: view.mimeType, handle: image.handle, pixels },
    );
  }
  const rest = images.slice(budget.perStep).map((image) => image.handle);
  if (rest.length > 0) {
    const limit =
      budget.perStep === 0 ? 'pictures from tools are not shown' : `at most ${budget.perStep} a step`;
    parts.push({
      type: 'text',
      text: `\n${rest.join(', ')} not shown (${limit}); pass a handle to a tool to use it.`,
    });
  }
  return parts;
}

/**
 * `messages` with tool-made pictures past `maxPixels`, counted from the newest back, replaced by
 * a note. Counting from the newest makes the dropping stable: a picture once dropped stays dropped,
 * so the prompt's prefix changes once per dropped picture, not on every step.
 */
export function withinPictureBudget(messages: readonly ChatMessage[], maxPixels: number): ChatMessage[] {
  let used = 0;
  const kept = (part: ContentPart): ContentPart => {
    if (part.type !== 'image' || part.pixels === undefined) return part;
    if (used + part.pixels <= maxPixels) {
      used += part.pixels;
      return part;
    }
    return {
      type: 'text',
      text: `[<${part.handle}> is no longer shown: the conversation's picture budget is spent; its handle still works]`,
    };
  };
  const result = [...messages];
  for (let index = result.length - 1; index >= 0; index -= 1) {
    const message = result[index] as ChatMessage;
    if (typeof message.content === 'string') continue;
    const content = [...message.content].reverse().map(kept).reverse();
    if (content.some((part, at) => part !== (message.content as ContentPart[])[at])) {
      result[index] = { ...message, content };
    }
  }
  return result;
}
