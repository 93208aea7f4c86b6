import { createHash } from 'node:crypto';

/** A picture a skill made, as its `resource_link` names it. */
export interface StoredImage {
  uri: string;
  name: string;
  mimeType: string;
  size: number;
}

interface Entry extends StoredImage {
  data: Buffer;
}

const PICTURE_URI = /^mmskills:\/\/([^/]+)\/images\/[^/]+$/;

/** The skill a picture's `mmskills://<skill>/images/<id>` URI names, or undefined for anything else. */
export function pictureSkill(value: unknown): string | undefined {
  return typeof value === 'string' ? PICTURE_URI.exec(value)?.[1] : undefined;
}

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/**
 * The pictures one skill process made, by content, so that a result can link to them
 * (`resource_link`) and a client can read them (`resources/read`) or hand one to the next call by
 * its URI instead of sending its bytes back. The least recently used go first once the total
 * passes `maxBytes`; the same picture made twice is kept once.
 *
 * URIs are `mmskills://<skill>/images/<sha256 prefix>.<ext>`: the skill's name as authority lets
 * a gateway in front of several skills route a read to the one that made the picture.
 */
export class ImageStore {
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(
    readonly skill: string,
    private readonly maxBytes: number,
  ) {}

  put(data: Buffer, mimeType: string): StoredImage {
    const id = createHash('sha256').update(data).digest('hex').slice(0, 32);
    const uri = `mmskills://${this.skill}/images/${id}.${EXTENSIONS[mimeType] ?? 'bin'}`;
    const held = this.#entries.get(uri);
    if (held) {
      this.#entries.delete(uri);
      this.#entries.set(uri, held);
      return describe(held);
    }
    const entry = { uri, name: uri.slice(uri.lastIndexOf('/') + 1), mimeType, size: data.length, data };
    if (data.length <= this.maxBytes) {
      this.#entries.set(uri, entry);
      this.#bytes += data.length;
      for (const [oldest, old] of this.#entries) {
        if (this.#bytes <= this.maxBytes) break;
        this.#entries.delete(oldest);
        this.#bytes -= old.data.length;
      }
    }
    return describe(entry);
  }

  /** The picture `uri` names, or undefined when it was never made here or has been dropped. */
  read(uri: string): { data: Buffer; mimeType: string } | undefined {
    const entry = this.#entries.get(uri);
    return entry && { data: entry.data, mimeType: entry.mimeType };
  }

  /** The pictures held, newest first. */
  list(): StoredImage[] {
    return [...this.#entries.values()].reverse().map(describe);
  }
}

const describe = ({ uri, name, mimeType, size }: Entry): StoredImage => ({ uri, name, mimeType, size });
