import { STATUS_CODES } from 'node:http';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ErrorDetail {
  /** RFC 6901 JSON pointer into the body or query that was refused ('' is the whole of it). */
  pointer: string;
  message: string;
}

/** An HTTP error of the registry API; `app.onError` renders every one with `problem`. */
export class RegistryError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(status, { message });
    this.name = 'RegistryError';
  }
}

/**
 * The body of every error. `error` is what the official API document promises and mmskills
 * clients read, `details` the JSON pointers they print. Beside them the RFC 9457 problem fields
 * the official registry (huma) sends: `title`, `status`, a `detail` that names each wrong field,
 * `errors` as `{message, location}` with the location a JSON pointer. `type` is `about:blank`:
 * the status says all there is, and the title is its phrase. Served as `application/json`, the
 * media type the document declares for errors.
 */
export function problem(status: ContentfulStatusCode, message: string, details?: readonly ErrorDetail[]) {
  const listed = details?.map((item) => `${item.pointer || '(root)'}: ${item.message}`).join('; ');
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: listed ? `${message}: ${listed}` : message,
    error: message,
    ...(details
      ? { details, errors: details.map((item) => ({ message: item.message, location: item.pointer })) }
      : {}),
  };
}

/** The one error handler of the registry app. Internal faults never claim to be the client's. */
export function renderError(
  error: Error,
  c: Context,
  log: (message: string, fields: Record<string, unknown>) => void,
) {
  if (error instanceof RegistryError) {
    return c.json(problem(error.status, error.message, error.details), error.status);
  }
  if (error instanceof HTTPException) {
    return c.json(problem(error.status, error.message || 'request refused'), error.status);
  }
  log('unhandled error', { path: c.req.path, error: error.message });
  return c.json(problem(500, 'internal error in the registry; the request may be retried'), 500);
}
