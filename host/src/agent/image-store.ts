import { MmskillsError } from '@mmskills/core';

export interface StoredImage {
  handle: string;
  data: Buffer;
  mimeType: string;
  /** Who made it: `user` or the tool that returned it. */
  source: string;
}

const HANDLE = /^image_\d+$/;
// Argument names that carry pictures (ARCHITECTURE.md "Images in": `image`, `*_image`; annotate's masks are `mask`).
const IMAGE_KEY = /^(image|mask)$|_(image|mask)$/;
// What a skill would read as an image source, whatever the argument is called (a third-party skill's
// `photo` or `images`): a data: URI, a URL, a file URI, an absolute or home path, a Windows drive
// path, a path that climbs with `..`, or a relative path to an image file.
const IMAGE_SOURCE =
  /^(data:|[a-z][a-z0-9+.-]*:\/\/|file:|[\\/~]|[a-z]:[\\/])|(^|[\\/])\.\.([\\/]|$)|\.(png|jpe?g|webp|gif|bmp|tiff?|avif|heic|svg)$/i;

/** `image_7` → 7: the order pictures were made in, which decides which the bound drops first. */
export function handleNumber(handle: string): number {
  return Number(handle.slice(handle.lastIndexOf('_') + 1)) || 0;
}

/**
 * The pictures of one conversation under handles (`image_1`, `image_2`, …), so the model
 * never sees base64. Bounded: past `maxImages` the oldest are forgotten. Started from a stored
 * conversation's pictures, it knows which it added and which it dropped since (for the store).
 */
export class ImageStore {
  private readonly images = new Map<string, StoredImage>();
  private readonly loaded: ReadonlySet<string>;
  private counter: number;

  constructor(
    private readonly maxImages = 32,
    restored: { images: readonly StoredImage[]; counter: number } = { images: [], counter: 0 },
  ) {
    for (const image of restored.images) this.images.set(image.handle, image);
    this.loaded = new Set(this.images.keys());
    this.counter = restored.counter;
  }

  add(data: Buffer, mimeType: string, source: string): StoredImage {
    this.counter += 1;
    const image = { handle: `image_${this.counter}`, data, mimeType, source };
    this.images.set(image.handle, image);
    while (this.images.size > this.maxImages) {
      const oldest = this.images.keys().next().value as string;
      this.images.delete(oldest);
    }
    return image;
  }

  /** What changed since it was started: pictures added and kept, stored ones dropped, the counter. */
  changes(): { added: StoredImage[]; dropped: string[]; counter: number } {
    return {
      added: [...this.images.values()].filter((image) => !this.loaded.has(image.handle)),
      dropped: [...this.loaded].filter((handle) => !this.images.has(handle)),
      counter: this.counter,
    };
  }

  get(handle: string): StoredImage | undefined {
    return this.images.get(handle);
  }

  get size(): number {
    return this.images.size;
  }

  /**
   * Replaces every string in tool arguments that is a handle with the picture as a data URI.
   * An unknown handle is an error the model can act on, and so is an image argument that is not
   * a handle, or any string a skill would read as an image source (by its value, not its name):
   * a model (or text it read) must not make a skill open a file or URL of the host.
   */
  resolve(params: Record<string, unknown>): Record<string, unknown> {
    const visit = (value: unknown, key = ''): unknown => {
      if (
        typeof value === 'string' &&
        !HANDLE.test(value) &&
        (IMAGE_KEY.test(key) || IMAGE_SOURCE.test(value))
      ) {
        throw new MmskillsError(
          'invalid_argument',
          `${key} must be an image handle such as image_1; files, URLs and data: URIs cannot be passed by the model`,
        );
      }
      if (typeof value === 'string' && HANDLE.test(value)) {
        const image = this.images.get(value);
        if (!image) {
          const known = [...this.images.keys()].join(', ') || 'none';
          throw new MmskillsError(
            'invalid_argument',
            `there is no ${value} in this conversation (images: ${known})`,
          );
        }
        return `data:${image.mimeType};base64,${image.data.toString('base64')}`;
      }
      if (Array.isArray(value)) return value.map((item) => visit(item, key));
      if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, visit(inner, name)]));
      }
      return value;
    };
    return visit(params) as Record<string, unknown>;
  }
}
