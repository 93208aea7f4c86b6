import { CliError } from '../commands/registry-client.js';
import { type HubChecksum, hubChecksum } from './hub-checksum.js';

/**
 * The body to append at `offset` (0: start over), the file's full length when the server says, and
 * the checksum the hub gave on the way. An empty body at `offset` means the `.part` is already whole.
 */
export interface OpenedDownload {
  body: ReadableStream<Uint8Array>;
  offset: number;
  total: number | undefined;
  hub: HubChecksum;
}

const MAX_REDIRECTS = 10;

interface Answer {
  headers: Headers;
  fromHub: boolean;
}

// The hub's checksum headers sit on its own redirect to the CDN, which `redirect: 'follow'` hides,
// so redirects are followed here, as huggingface.js's fileDownloadInfo does.
async function follow(
  url: string,
  init: RequestInit,
  fetchImpl: typeof fetch,
  answers: Answer[],
): Promise<Response> {
  const hub = new URL(url).origin;
  let current = url;
  for (let hop = 0; ; hop += 1) {
    const response = await fetchImpl(current, { ...init, redirect: 'manual' });
    const at = new URL(current);
    answers.push({
      headers: response.headers,
      fromHub: at.origin === hub && at.pathname.includes('/resolve/'),
    });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location || hop >= MAX_REDIRECTS) return response;
    await response.body?.cancel();
    current = new URL(location, current).href;
  }
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
  const answers: Answer[] = [];
  try {
    response = await follow(
      url,
      // Compressed bodies would make byte offsets meaningless.
      {
        headers: { 'accept-encoding': 'identity', ...(offset > 0 ? { range: `bytes=${offset}-` } : {}) },
        signal,
      },
      fetchImpl,
      answers,
    );
  } catch (error) {
    if (signal.aborted) throw error;
    throw new CliError(`cannot reach ${new URL(url).host} for ${label}: ${reason(error)}`);
  }
  const hub = hubChecksum(answers);
  if (response.status === 416 && offset > 0) {
    await response.body?.cancel();
    // RFC 9110: a 416 names the length; a `.part` of exactly that length is whole, not too long.
    // It is kept only when the hub gave a checksum to hold it to; otherwise it comes again.
    const whole = /^bytes \*\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
    if (whole && Number(whole[1]) === offset && (hub.sha256 || hub.gitSha1))
      return { body: new Blob([]).stream(), offset, total: offset, hub };
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
    return { body: response.body, offset, total: range[2] === '*' ? undefined : Number(range[2]), hub };
  }
  const length = response.headers.get('content-length');
  return { body: response.body, offset: 0, total: length === null ? undefined : Number(length), hub };
}
