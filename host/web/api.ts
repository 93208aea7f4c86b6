// The host's JSON API as the page calls it: the key a person entered rides on every call, and an
// error answer becomes an ApiError with the host's own words, whichever shape it came in.

const KEY_STORE = 'mmskills.apiKey';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function store(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** The API key entered on this tab, if any (kept for the tab's life only). */
export function savedKey(): string | undefined {
  return store()?.getItem(KEY_STORE) ?? undefined;
}

export function saveKey(key: string): void {
  store()?.setItem(KEY_STORE, key);
}

export function authHeaders(): Record<string, string> {
  const key = savedKey();
  return key ? { authorization: `Bearer ${key}` } : {};
}

/** The message of an error body: `{error: "…"}` (most routes) or OpenAI's `{error: {message}}` (`/v1/*`). */
export function errorMessage(body: unknown, status: number): string {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return `The host answered HTTP ${status}.`;
}

/** Calls the host; resolves with the JSON answer, or rejects with an ApiError. */
export async function callApi<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { accept: 'application/json', ...authHeaders(), ...(init.headers as Record<string, string>) },
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, errorMessage(body, response.status));
  return body as T;
}
