import { z } from 'zod';
import { RegistryError } from '../errors.js';
import type { ListPosition } from '../store/store.js';

const PositionSchema = z.tuple([z.string(), z.string(), z.string()]);

/** Cursors are opaque to clients: base64url of the last item's sort key. */
export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify([position.name, position.publishedAt, position.version])).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string): ListPosition {
  try {
    const [name, publishedAt, version] = PositionSchema.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString()),
    );
    return { name, publishedAt, version };
  } catch {
    throw new RegistryError(400, 'invalid cursor: pass the nextCursor of a previous page unchanged');
  }
}
