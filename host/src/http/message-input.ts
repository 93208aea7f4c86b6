import {
  DEFAULT_IMAGE_LIMITS,
  decodeImage,
  type ImageSourcePolicy,
  MmskillsError,
  readImageSource,
} from '@mmskills/core';
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

export const JsonMessageSchema = z.object({
  text: z.string().min(1).max(20_000),
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
    const parsed = JsonMessageSchema.safeParse(await c.req.json().catch(() => undefined));
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

/** Decodes each image under the pixel and byte limits; a bad one is a 400 naming it. */
export async function checkImages(sources: readonly Buffer[]): Promise<NonNullable<UserMessage['images']>> {
  return Promise.all(
    sources.map(async (bytes, i) => {
      try {
        const decoded = await decodeImage(bytes, DEFAULT_IMAGE_LIMITS);
        return { data: bytes, mimeType: `image/${decoded.format}` };
      } catch (error) {
        const tooLarge = error instanceof MmskillsError && error.code === 'image_too_large';
        throw new HostHttpError(tooLarge ? 413 : 400, `image ${i + 1}: ${(error as Error).message}`);
      }
    }),
  );
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

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
