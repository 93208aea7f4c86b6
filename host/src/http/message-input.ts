import { DEFAULT_IMAGE_LIMITS, type ImageSourcePolicy, MmskillsError, readImageSource } from '@mmskills/core';
import { decodeImage } from '@mmskills/image';
import type { Context } from 'hono';
import { z } from 'zod';
import type { UserMessage } from '../agent/loop.js';
import { HostHttpError } from './errors.js';

const BoxSchema = z.tuple([
  z.number().min(0).max(1),
  z.number().min(0).max(1),
  z.number().min(0).max(1),
  z.number().min(0).max(1),
]);

/** The most images one message may carry, whichever way they come (JSON or multipart). */
export const MAX_MESSAGE_IMAGES = 8;
const MAX_TEXT = 20_000;

/**
 * The largest body a message may need, and so the most the host reads of any request: its images at
 * the byte limit as base64 data URLs (64 bytes each for the `data:` prefix and quotes), its text with
 * every character escaped (`\uXXXX`, 6 bytes), and 1 MiB for the rest of the JSON (an OpenAI
 * request's earlier turns). 267.8 MiB with the default limits.
 */
export const MAX_MESSAGE_BODY =
  MAX_MESSAGE_IMAGES * (Math.ceil(DEFAULT_IMAGE_LIMITS.maxBytes / 3) * 4 + 64) + MAX_TEXT * 6 + 1024 * 1024;
export const MAX_MESSAGE_BODY_WHY = `a message carries at most ${MAX_MESSAGE_IMAGES} images of ${DEFAULT_IMAGE_LIMITS.maxBytes / 2 ** 20} MB and ${MAX_TEXT} characters of text; send fewer or smaller images`;

export const JsonMessageSchema = z.object({
  text: z.string().min(1).max(MAX_TEXT),
  images: z.array(z.string()).max(MAX_MESSAGE_IMAGES).default([]),
  box: BoxSchema.optional(),
});

/**
 * A user message from JSON (`{text, images: [data URL], box?}`) or multipart (`text`, `image`
 * files, `box` as JSON). Every image is decoded under the pixel and byte limits before the
 * agent sees it; a bad one is a 400 that names it.
 */
export async function readUserMessage(c: Context, policy: ImageSourcePolicy): Promise<UserMessage> {
  const type = c.req.header('content-type') ?? '';
  let text: string;
  let sources: Buffer[] = [];
  let box: UserMessage['box'];
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.parseBody({ all: true });
    const files = ([] as unknown[])
      .concat(form.image ?? [], form.images ?? [])
      .filter((file): file is File => file instanceof File);
    // Counted before a byte of them is read: the JSON body's limit holds for uploads too.
    if (files.length > MAX_MESSAGE_IMAGES)
      throw new HostHttpError(
        400,
        `invalid message: at most ${MAX_MESSAGE_IMAGES} images, not ${files.length}`,
      );
    sources = await Promise.all(files.map(async (file) => Buffer.from(await file.arrayBuffer())));
    const parsed = JsonMessageSchema.safeParse({
      text: form.text,
      box: typeof form.box === 'string' ? safeJson(form.box) : undefined,
    });
    if (!parsed.success)
      throw new HostHttpError(
        400,
        `invalid message: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    ({ text, box } = parsed.data);
  } else {
    const parsed = JsonMessageSchema.safeParse(await readJson(c.req.raw));
    if (!parsed.success)
      throw new HostHttpError(
        400,
        `invalid message: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    ({ text, box } = parsed.data);
    sources = await Promise.all(parsed.data.images.map((source) => readDataUrl(source, policy)));
  }
  const images = await checkImages(sources);
  return { text, images, ...(box ? { box } : {}) };
}

/**
 * Decodes each image under the pixel and byte limits; a bad one is a 400 naming it. One at a time:
 * the pixels are only checked, and a few KB of PNG may hold 40 MP (114 MiB decoded), so decoding
 * them side by side would hold that much per image at once.
 */
export async function checkImages(sources: readonly Buffer[]): Promise<NonNullable<UserMessage['images']>> {
  if (sources.length > MAX_MESSAGE_IMAGES)
    throw new HostHttpError(
      400,
      `invalid message: at most ${MAX_MESSAGE_IMAGES} images, not ${sources.length}`,
    );
  const images: NonNullable<UserMessage['images']> = [];
  for (const [i, bytes] of sources.entries()) {
    try {
      const decoded = await decodeImage(bytes, DEFAULT_IMAGE_LIMITS);
      images.push({ data: bytes, mimeType: `image/${decoded.format}` });
    } catch (error) {
      const tooLarge = error instanceof MmskillsError && error.code === 'image_too_large';
      throw new HostHttpError(tooLarge ? 413 : 400, `image ${i + 1}: ${(error as Error).message}`);
    }
  }
  return images;
}

/** The bytes of a `data:` URL image argument; anything else is refused (the host fetches no URLs). */
export async function readDataUrl(source: string, policy: ImageSourcePolicy): Promise<Buffer> {
  if (!source.startsWith('data:'))
    throw new HostHttpError(400, 'images must be data: URLs (or upload them as multipart files)');
  try {
    return await readImageSource(source, policy);
  } catch (error) {
    throw new HostHttpError(
      error instanceof MmskillsError && error.code === 'image_too_large' ? 413 : 400,
      (error as Error).message,
    );
  }
}

/**
 * The body as JSON, or undefined when it is not JSON (or past the body limit). Each chunk is decoded
 * to text as it arrives and dropped; `Request.json()` would hold the chunks and their concatenation
 * besides the text (measured for a 100 MiB body: 3.3 instead of 4 times its size at the peak).
 */
async function readJson(request: Request): Promise<unknown> {
  const decoder = new TextDecoder();
  let text = '';
  try {
    for await (const chunk of request.body ?? []) text += decoder.decode(chunk, { stream: true });
    return JSON.parse(text + decoder.decode());
  } catch {
    return undefined;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
