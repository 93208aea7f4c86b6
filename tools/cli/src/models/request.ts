import { CliError } from '../commands/registry-client.js';

/** The body to append at `offset` (0: start over), and the file's full length when the server says. */
export interface OpenedDownload {
  body: ReadableStream<Uint8Array>;
  offset: number;
  total: number | undefined;
}

function reason(error: unknown): string {
  const cause = (error as { cause?: { message?: string } }).cause;
  return cause?.message ?? (error as Error).message;
}

function hint(status: number): string {
  if (status === 404) return ' (the catalogue entry may be out of date)';
  if (status === 401 || status === 403) return ' (a gated or private repository?)';
  return '';
}

/**
 * GETs a file, asking for the bytes from `offset` on when a `.part` already has some. A server
 * that ignores Range (200) or answers for another start gets the whole file again (offset 0).
 */
export async function openDownload(
  url: string,
  label: string,
  offset: number,
  fetchImpl: typeof fetch,
  signal: AbortSignal,
): Promise<OpenedDownload> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      // Compressed bodies would make byte offsets meaningless.
      headers: { 'accept-encoding': 'identity', ...(offset > 0 ? { range: `bytes=${offset}-` } : {}) },
      redirect: 'follow',
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new CliError(`cannot reach ${new URL(url).host} for ${label}: ${reason(error)}`);
  }
  if (response.status === 416 && offset > 0) {
    await response.body?.cancel();
    return openDownload(url, label, 0, fetchImpl, signal);
  }
  if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel();
    throw new CliError(
      `cannot download ${label}: ${response.status} ${response.statusText} from ${url}${hint(response.status)}`,
    );
  }
  if (!response.body) throw new CliError(`cannot download ${label}: empty response from ${url}`);
  if (response.status === 206) {
    const range = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
    if (!range || Number(range[1]) !== offset) {
      await response.body.cancel();
      if (offset === 0) throw new CliError(`cannot download ${label}: unexpected partial answer from ${url}`);
      return openDownload(url, label, 0, fetchImpl, signal);
    }
    return { body: response.body, offset, total: range[2] === '*' ? undefined : Number(range[2]) };
  }
  const length = response.headers.get('content-length');
  return { body: response.body, offset: 0, total: length === null ? undefined : Number(length) };
}
