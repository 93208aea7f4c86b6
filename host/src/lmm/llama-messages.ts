import { DEFAULT_IMAGE_LIMITS } from '@mmskills/core';
import { decodeImage, encodeImage } from '@mmskills/image';
import type { ChatMessage, ContentPart } from './backend.js';
import type { ControlTokenGuard } from './control-tokens.js';
import type { LlamaChatMessage, LlamaMessagePart } from './llama-node.js';

type ImagePart = Extract<ContentPart, { type: 'image' }>;

// The same picture is sent again on every step of a conversation; convert it once.
const converted = new WeakMap<Buffer, Promise<string>>();

/**
 * Chat messages as llama.node takes them. Two rules serve the prefix cache and the engine:
 * - pictures go before the text of their message: with media, llama.node reuses the KV cache
 *   only up to the start of the chunk where the prompt first differs, and all text before the
 *   first picture is one chunk; a question written before its picture would make every new
 *   question re-evaluate the whole system prompt;
 * - text never carries the model's control tokens (see `ControlTokenGuard`);
 * - pictures reach llama.cpp as PNG or EXIF-upright JPEG: its decoder (stb_image) cannot read
 *   WebP, HEIF or AVIF, ignores EXIF orientation, and a picture it fails on leaves the context
 *   unusable (see `LlamaBackend`).
 */
export async function toLlamaMessages(
  messages: readonly ChatMessage[],
  guard: ControlTokenGuard,
): Promise<LlamaChatMessage[]> {
  return Promise.all(
    messages.map(async (message) => {
      if (typeof message.content === 'string') {
        return { role: message.role, content: guard.neutralise(message.content) };
      }
      const images = message.content.filter((part): part is ImagePart => part.type === 'image');
      const texts = message.content.filter((part) => part.type === 'text');
      const content: LlamaMessagePart[] = [
        ...(await Promise.all(
          images.map(async (part) => ({ type: 'image_url', image_url: { url: await llamaImageUrl(part) } })),
        )),
        ...texts.map((part) => ({ type: 'text', text: guard.neutralise(part.text) })),
      ];
      return { role: message.role, content };
    }),
  );
}

/** Whether any message carries a picture. */
export function hasImages(messages: readonly ChatMessage[]): boolean {
  return messages.some(
    (message) => typeof message.content !== 'string' && message.content.some((part) => part.type === 'image'),
  );
}

function llamaImageUrl(part: ImagePart): Promise<string> {
  let url = converted.get(part.data);
  if (!url) {
    url = readableByLlama(part);
    converted.set(part.data, url);
  }
  return url;
}

async function readableByLlama(part: ImagePart): Promise<string> {
  if (part.mimeType === 'image/png') return dataUrl(part.data, part.mimeType);
  const decoded = await decodeImage(part.data, DEFAULT_IMAGE_LIMITS);
  if (decoded.format === 'png' || (decoded.format === 'jpeg' && (decoded.source?.orientation ?? 1) === 1)) {
    return dataUrl(part.data, `image/${decoded.format}`);
  }
  const png = await encodeImage(decoded, 'png');
  return dataUrl(png.data, png.mimeType);
}

function dataUrl(data: Buffer, mimeType: string): string {
  return `data:${mimeType};base64,${data.toString('base64')}`;
}
