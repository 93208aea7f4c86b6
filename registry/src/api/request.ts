import type { Context } from 'hono';
import type { z } from 'zod';
import { RegistryError } from '../errors.js';

/** Parses a query or JSON body with a zod schema, or answers 400 naming each bad field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new RegistryError(
    400,
    `invalid ${where}`,
    result.error.issues.map((issue) => ({ pointer: `/${issue.path.join('/')}`, message: issue.message })),
  );
}

/** The JSON body of a request, or 400 when it is not JSON. */
export async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new RegistryError(400, 'the body is not valid JSON');
  }
}
