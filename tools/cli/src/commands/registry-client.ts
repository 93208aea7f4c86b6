/** The registry to talk to: `--registry`, else `MMSKILLS_REGISTRY`, else the local default. */
export function registryUrl(flag: string | undefined): string {
  return (flag ?? process.env.MMSKILLS_REGISTRY ?? 'http://127.0.0.1:8090').replace(/\/+$/, '');
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** GET/POST JSON against the registry; an unreachable registry or an error status is one clear line. */
export async function registryJson<T>(
  base: string,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    throw new CliError(
      `cannot reach the registry at ${base}: ${(error as Error).cause ? String((error as Error & { cause: Error }).cause.message) : (error as Error).message}`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as T;
  return { status: response.status, body };
}

export function errorText(body: unknown): string {
  const error = body as { error?: string; details?: Array<{ pointer: string; message: string }> };
  const details = (error.details ?? []).map((detail) => `\n  ${detail.pointer}: ${detail.message}`).join('');
  return `${error.error ?? 'request failed'}${details}`;
}
