import { mkdir, statfs } from 'node:fs/promises';
import { CliError } from '../commands/registry-client.js';
import { filePaths, fileState } from './cache.js';
import { fileUrl, type PullTarget } from './catalogue.js';
import { downloadFile } from './download.js';
import { formatBytes } from './format-bytes.js';
import { createProgress, type ProgressWriter } from './progress.js';
import { VERIFIED_TEXT } from './verify.js';

/** Where a pull's bytes come from and its progress goes. */
export interface PullOptions {
  /** The hub or a mirror with its layout: `<base>/<repo>/resolve/<revision>/<file>`. */
  baseUrl: string;
  fetch?: typeof fetch;
  stderr?: ProgressWriter;
  /** Stops a pull, keeping the `.part` files; without it, Ctrl-C does the same. */
  signal?: AbortSignal;
}

function interruptSignal(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  return { signal: controller.signal, release: () => process.off('SIGINT', onInterrupt) };
}

async function ensureSpace(cacheDir: string, needed: number) {
  const info = await statfs(cacheDir).catch(() => undefined);
  const free = info ? info.bavail * info.bsize : Number.POSITIVE_INFINITY;
  if (free < needed)
    throw new CliError(
      `not enough disk space in ${cacheDir}: need ${formatBytes(needed)}, ${formatBytes(free)} free`,
    );
}

/**
 * Brings every file of a model into `<cacheDir>/<name>/`, keeping the repository's folders:
 * complete files are skipped, `.part` files resumed, each file checked before it is renamed into place.
 */
export async function pullFiles(
  target: PullTarget,
  cacheDir: string,
  out: (line: string) => void,
  options: PullOptions,
): Promise<void> {
  const files = await Promise.all(
    target.files.map(async (file) => ({ file, state: await fileState(cacheDir, target, file) })),
  );
  await mkdir(cacheDir, { recursive: true });
  await ensureSpace(
    cacheDir,
    files.reduce(
      (sum, { file, state }) => sum + (state.kind === 'complete' ? 0 : (file.size ?? 0) - state.bytes),
      0,
    ),
  );
  const stderr = options.stderr ?? process.stderr;
  const { signal, release } = options.signal ? { signal: options.signal, release() {} } : interruptSignal();
  try {
    for (const { file, state } of files) {
      if (state.kind === 'complete') {
        out(`${file.file}: already complete`);
        continue;
      }
      const size = file.size === undefined ? '' : ` (${formatBytes(file.size)})`;
      out(
        `${file.file}: ${state.kind === 'partial' ? `resuming at ${formatBytes(state.bytes)}` : 'downloading'}${size}`,
      );
      const { verified } = await downloadFile({
        ...filePaths(cacheDir, target, file),
        url: fileUrl(options.baseUrl, target, file),
        label: file.file,
        ...(file.size === undefined ? {} : { size: file.size }),
        ...(file.sha256 === undefined ? {} : { sha256: file.sha256 }),
        fetch: options.fetch ?? fetch,
        signal,
        progress: (total, start) => createProgress(stderr, file.file, total, start),
      });
      out(`${file.file}: done, ${VERIFIED_TEXT[verified]}`);
    }
  } finally {
    release();
  }
}
