import { z } from 'zod';
import type { ChatMessage } from '../lmm/backend.js';

// A message as the store keeps it: JSON, a picture's bytes as base64. A picture stays in the
// message even after the conversation's image list has dropped its handle, as it does in memory.
const StoredMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.union([
    z.string(),
    z.array(
      z.union([
        z.object({ type: z.literal('text'), text: z.string() }),
        z.object({
          type: z.literal('image'),
          data: z.base64(),
          mimeType: z.string(),
          handle: z.string().optional(),
          pixels: z.number().optional(),
        }),
      ]),
    ),
  ]),
});

/** A message as the JSON text the store writes. */
export function encodeMessage(message: ChatMessage): string {
  return JSON.stringify({
    role: message.role,
    content:
      typeof message.content === 'string'
        ? message.content
        : message.content.map((part) =>
            part.type === 'text' ? part : { ...part, data: part.data.toString('base64') },
          ),
  });
}

/** Reads back what {@link encodeMessage} wrote; a row that does not parse is a damaged store, said so. */
export function decodeMessage(text: string): ChatMessage {
  const parsed = StoredMessageSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`a stored conversation message is damaged: ${parsed.error.message}`);
  const { role, content } = parsed.data;
  return {
    role,
    content:
      typeof content === 'string'
        ? content
        : content.map((part) =>
            part.type === 'text' ? part : { ...part, data: Buffer.from(part.data, 'base64') },
          ),
  };
}
