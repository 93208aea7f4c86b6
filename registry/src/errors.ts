import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ErrorDetail {
  pointer: string;
  message: string;
}

/** An HTTP error of the registry API; `app.onError` renders every one as `{error, details}`. */
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

/** The one error handler of the registry app. Internal faults never claim to be the client's. */
export function renderError(
  error: Error,
  c: Context,
  log: (message: string, fields: Record<string, unknown>) => void,
) {
  if (error instanceof RegistryError) {
    return c.json(
      { error: error.message, ...(error.details ? { details: error.details } : {}) },
      error.status,
    );
  }
  if (error instanceof HTTPException) {
    return c.json({ error: error.message || 'request refused' }, error.status);
  }
  log('unhandled error', { path: c.req.path, error: error.message });
  return c.json({ error: 'internal error in the registry; the request may be retried' }, 500);
}
