import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@mmskills/core';
import { z } from 'zod';
import type { ChatMessage } from '../lmm/backend.js';
import type { StoredImage } from './image-store.js';

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/**
 * One finished exchange as `--record <dir>` writes it, to `<dir>/<conversation>/<exchange>.json`
 * with its pictures beside it as `<handle>.<ext>`: the exact messages the model read and wrote,
 * pictures by handle. `mmskills data traces` turns these into training samples.
 * @see ../../README.md "Recording conversations"
 */
export const RecordedExchangeSchema = z.object({
  version: z.literal(1),
  conversation: z.string().min(1),
  exchange: z.number().int().min(1),
  recordedAt: z.string(),
  question: z.string(),
  images: z.array(
    z.object({
      handle: z.string().regex(/^image_\d+$/),
      file: z.string().min(1),
      mimeType: z.string(),
      source: z.string(),
    }),
  ),
  messages: z
    .array(
      z.object({
        role: z.enum(['user', 'assistant']),
        text: z.string(),
        images: z.array(z.string()).default([]),
      }),
    )
    .min(2),
});
export type RecordedExchange = z.infer<typeof RecordedExchangeSchema>;

/** What the agent loop hands over when an exchange ends with the model's answer. */
export interface FinishedExchange {
  conversation: string;
  question: string;
  /** Every picture the exchange added: the user's first, then those tools returned. */
  images: readonly StoredImage[];
  messages: readonly ChatMessage[];
}

function flatten(message: ChatMessage, images: readonly StoredImage[]): RecordedExchange['messages'][number] {
  const role = message.role === 'assistant' ? 'assistant' : 'user';
  if (typeof message.content === 'string') return { role, text: message.content, images: [] };
  const handles = message.content.flatMap((part) =>
    part.type === 'image'
      ? [part.handle ?? images.find((image) => image.data === part.data)?.handle ?? 'unknown']
      : [],
  );
  const text = message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  return { role, text, images: handles };
}

/**
 * A recorder writing each finished exchange under `dir`. Failures are logged and never reach
 * the user: recording is a side line of serving.
 */
export function createRecorder(dir: string, log: Logger): (exchange: FinishedExchange) => Promise<void> {
  const counters = new Map<string, number>();
  return async (exchange) => {
    const index = (counters.get(exchange.conversation) ?? 0) + 1;
    counters.set(exchange.conversation, index);
    const folder = join(dir, exchange.conversation);
    try {
      await mkdir(folder, { recursive: true });
      const images = await Promise.all(
        exchange.images.map(async (image) => {
          const file = `${image.handle}.${EXTENSIONS[image.mimeType] ?? 'bin'}`;
          await writeFile(join(folder, file), image.data);
          return { handle: image.handle, file, mimeType: image.mimeType, source: image.source };
        }),
      );
      const record: RecordedExchange = {
        version: 1,
        conversation: exchange.conversation,
        exchange: index,
        recordedAt: new Date().toISOString(),
        question: exchange.question,
        images,
        messages: exchange.messages
          .filter((message) => message.role !== 'system')
          .map((message) => flatten(message, exchange.images)),
      };
      const name = `${String(index).padStart(4, '0')}.json`;
      // Written whole, then renamed: a reader never sees half a record.
      await writeFile(join(folder, `${name}.tmp`), `${JSON.stringify(record, null, 2)}\n`);
      await rename(join(folder, `${name}.tmp`), join(folder, name));
    } catch (error) {
      log.warn('could not record the exchange', {
        conversation: exchange.conversation,
        error: (error as Error).message,
      });
    }
  };
}
