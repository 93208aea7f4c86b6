import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { MmskillsError, MmskillsErrorCode } from '../errors.js';
import { readDataUri } from './data-uri.js';
import { DEFAULT_IMAGE_LIMITS } from './limits.js';
import { readLocalFile } from './local-file.js';
import { readRemoteUrl } from './remote-url.js';

/**
 * Where image arguments may come from: local files only inside `fileRoots` (default: the working
 * directory), http(s) only when `allowUrls`, private-network hosts only when `allowPrivateNetwork`.
 * `maxBytes` caps every kind of source; `timeoutMs` bounds a whole URL fetch.
 * @see ARCHITECTURE.md "Images in"
 */
export const ImageSourcePolicySchema = z.object({
  fileRoots: z.array(z.string().min(1)).default(() => [process.cwd()]),
  allowUrls: z.boolean().default(false),
  allowPrivateNetwork: z.boolean().default(false),
  maxBytes: z.number().int().positive().default(DEFAULT_IMAGE_LIMITS.maxBytes),
  timeoutMs: z.number().int().positive().default(15_000),
});
export type ImageSourcePolicy = z.infer<typeof ImageSourcePolicySchema>;

function isOn(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes'].includes(value.trim().toLowerCase());
}

/**
 * The policy set by `MMSKILLS_FILE_ROOTS` (roots joined by the platform path delimiter),
 * `MMSKILLS_ALLOW_URLS=1` and `MMSKILLS_ALLOW_PRIVATE_URLS=1`; unset values take the defaults.
 */
export function imageSourcePolicyFromEnv(env: NodeJS.ProcessEnv = process.env): ImageSourcePolicy {
  const roots = (env.MMSKILLS_FILE_ROOTS ?? '')
    .split(path.delimiter)
    .map((root) => root.trim())
    .filter((root) => root !== '')
    .map((root) => path.resolve(root));
  return ImageSourcePolicySchema.parse({
    fileRoots: roots.length > 0 ? roots : undefined,
    allowUrls: isOn(env.MMSKILLS_ALLOW_URLS),
    allowPrivateNetwork: isOn(env.MMSKILLS_ALLOW_PRIVATE_URLS),
  });
}

function fileUriToPath(uri: string): string {
  try {
    return fileURLToPath(uri);
  } catch (error) {
    throw new MmskillsError(
      MmskillsErrorCode.InvalidArgument,
      `${uri} is not a valid local file URI; use file:///absolute/path or a plain path`,
      { cause: error },
    );
  }
}

/** The pictures a skill holds by `mmskills://` URI (its ImageStore), for arguments that name one. */
export type HeldImages = (uri: string) => Buffer | undefined;

/**
 * Reads the bytes of an image argument: a `data:` URI, a local path or `file://` URI inside the
 * policy's roots, an http(s) URL when the policy allows URLs, or the `mmskills://` URI of a
 * picture the server made and still holds (`held`). Nothing is decoded here.
 * @throws MmskillsError `invalid_argument`, `image_source_forbidden`, `image_not_found` or `image_too_large`
 * @see ARCHITECTURE.md "Images in"
 */
export async function readImageSource(
  arg: string,
  policy: ImageSourcePolicy,
  held?: HeldImages,
): Promise<Buffer> {
  const source = arg.trim();
  if (source === '') {
    throw new MmskillsError(
      MmskillsErrorCode.InvalidArgument,
      'image is empty; pass a data: URI, a file path or an http(s) URL',
    );
  }
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(source)?.[1]?.toLowerCase();
  if (scheme === 'data') return readDataUri(source, policy.maxBytes);
  if (scheme === 'mmskills') return readHeld(source, held);
  if (scheme === 'file') return readLocalFile(fileUriToPath(source), policy.fileRoots, policy.maxBytes);
  if (scheme === 'http' || scheme === 'https') {
    if (!policy.allowUrls) {
      throw new MmskillsError(
        MmskillsErrorCode.ImageSourceForbidden,
        'image URLs are disabled on this server; pass the image as a data: URI or a local file path, ' +
          'or set MMSKILLS_ALLOW_URLS=1 to allow http(s) URLs',
      );
    }
    if (URL.parse(source) === null) {
      throw new MmskillsError(MmskillsErrorCode.InvalidArgument, `${source} is not a valid URL`);
    }
    return readRemoteUrl(source, policy);
  }
  // One-letter "schemes" are Windows drive letters (C:\…), so they stay paths.
  if (scheme !== undefined) {
    throw new MmskillsError(
      MmskillsErrorCode.InvalidArgument,
      `${scheme}: sources are not supported; pass a data: URI, a file path, an http(s) URL or the mmskills:// URI of a picture this server made`,
    );
  }
  return readLocalFile(source, policy.fileRoots, policy.maxBytes);
}

function readHeld(uri: string, held: HeldImages | undefined): Buffer {
  const bytes = held?.(uri);
  if (bytes) return bytes;
  throw new MmskillsError(
    MmskillsErrorCode.ImageNotFound,
    `${uri} is not a picture this server holds: a skill keeps the pictures it made for a while, ` +
      'and only its own; pass the picture itself, or read it from the skill that made it (resources/read)',
  );
}
