import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An HTTP error of the host API, rendered as `{error}` by the one `app.onError`. */
export class HostHttpError extends HTTPException {
  constructor(status: ContentfulStatusCode, message: string) {
    super(status, { message });
    this.name = 'HostHttpError';
  }
}

export function renderHostError(
  error: Error,
  c: Context,
  log: (message: string, fields: Record<string, unknown>) => void,
) {
  if (error instanceof HTTPException)
    return c.json({ error: error.message || 'request refused' }, error.status);
  log('unhandled error', { path: c.req.path, error: error.message });
  return c.json({ error: 'internal error in the host' }, 500);
}
