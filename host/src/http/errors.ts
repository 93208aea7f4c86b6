import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An HTTP error of the host API, rendered by the one `app.onError` in the shape of its route. */
export class HostHttpError extends HTTPException {
  readonly headers: Record<string, string>;

  constructor(status: ContentfulStatusCode, message: string, headers: Record<string, string> = {}) {
    super(status, { message });
    this.name = 'HostHttpError';
    this.headers = headers;
  }
}

/** OpenAI's error object, which its SDKs and clients read on `/v1/*`: type and code by status. */
export function openAiError(status: number, message: string) {
  const [type, code] =
    status === 401
      ? ['invalid_request_error', 'invalid_api_key']
      : status === 429
        ? ['requests', 'rate_limit_exceeded']
        : status === 404
          ? ['invalid_request_error', 'not_found']
          : status >= 500
            ? ['server_error', null]
            : ['invalid_request_error', null];
  return { error: { message, type, param: null, code } };
}

/** The body of an error on `path`: OpenAI's object on the OpenAI-compatible `/v1/*`, else `{error}`. */
export function errorBody(path: string, status: number, message: string) {
  return path.startsWith('/v1/') ? openAiError(status, message) : { error: message };
}

export function renderHostError(
  error: Error,
  c: Context,
  log: (message: string, fields: Record<string, unknown>) => void,
) {
  if (error instanceof HTTPException) {
    const headers = error instanceof HostHttpError ? error.headers : {};
    return c.json(
      errorBody(c.req.path, error.status, error.message || 'request refused'),
      error.status,
      headers,
    );
  }
  log('unhandled error', { path: c.req.path, error: error.message });
  return c.json(errorBody(c.req.path, 500, 'internal error in the host'), 500);
}
