import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { MmskillsError, MmskillsErrorCode } from '../errors.js';
import { imageTooLargeError } from './limits.js';

const CHUNK_BYTES = 1024 * 1024;

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return (
    relative === '' ||
    (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative))
  );
}

async function realRoots(roots: readonly string[]): Promise<string[]> {
  return Promise.all(
    roots.map(async (root) => {
      const absolute = path.resolve(root);
      return realpath(absolute).catch(() => absolute);
    }),
  );
}

// The message goes to whoever called the tool, perhaps from another machine through the gateway:
// it names the file they gave, never the server's roots or working directory.
function outsideRootsError(file: string, roots: readonly string[]): MmskillsError {
  const allowed = roots.length > 0 ? 'outside the allowed roots' : 'not allowed (no file roots)';
  return new MmskillsError(
    MmskillsErrorCode.ImageSourceForbidden,
    `file ${file} is ${allowed}; the server's operator sets them with MMSKILLS_FILE_ROOTS, or pass the image as a data: URI`,
  );
}

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Reads a local image file that must lie inside one of `roots` once symlinks and `..` are resolved.
 * Missing files inside the roots are `image_not_found`; anything outside is `image_source_forbidden`,
 * whether or not it exists, so the answer reveals nothing about the rest of the disk.
 */
export async function readLocalFile(
  file: string,
  roots: readonly string[],
  maxBytes: number,
): Promise<Buffer> {
  const absolute = path.resolve(file);
  const allowedRoots = await realRoots(roots);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    const lexicalRoots = roots.map((root) => path.resolve(root));
    if (![...allowedRoots, ...lexicalRoots].some((root) => isInside(root, absolute))) {
      throw outsideRootsError(absolute, allowedRoots);
    }
    throw new MmskillsError(
      MmskillsErrorCode.ImageNotFound,
      `file ${absolute} does not exist; check the path`,
      { cause: error },
    );
  }
  if (!allowedRoots.some((root) => isInside(root, real))) throw outsideRootsError(absolute, allowedRoots);

  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EACCES' || code === 'EPERM') {
      throw new MmskillsError(
        MmskillsErrorCode.ImageSourceForbidden,
        `file ${absolute} cannot be read (permission denied); make it readable by this server`,
        { cause: error },
      );
    }
    throw new MmskillsError(MmskillsErrorCode.ImageNotFound, `file ${absolute} cannot be opened (${code})`, {
      cause: error,
    });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      throw new MmskillsError(
        MmskillsErrorCode.InvalidArgument,
        `${absolute} is not a regular file; pass the path of an image file`,
      );
    }
    // A hard link in a root can name a file anywhere on the same disk, and nothing tells it from
    // a plain file there: a file with more than one name is refused.
    if (stats.nlink > 1) {
      throw new MmskillsError(
        MmskillsErrorCode.ImageSourceForbidden,
        `file ${absolute} has ${stats.nlink} hard links, so it may be a file from outside the allowed roots; copy it instead`,
      );
    }
    if (stats.size > maxBytes) throw imageTooLargeError(stats.size, maxBytes);
    // Count while reading too: the file may have grown since stat().
    const chunks: Buffer[] = [];
    let length = 0;
    const chunkBytes = Math.min(CHUNK_BYTES, stats.size + 1);
    for (;;) {
      const { buffer, bytesRead } = await handle.read({ buffer: Buffer.allocUnsafe(chunkBytes) });
      if (bytesRead === 0) return Buffer.concat(chunks, length);
      length += bytesRead;
      if (length > maxBytes) throw imageTooLargeError(length, maxBytes, true);
      chunks.push(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}
