import type { IncomingMessage } from 'node:http';
import { toPointer } from '@mmskills/core';
import type { Context } from 'hono';
import type { z } from 'zod';
import { RegistryError } from '../errors.js';

// 128 tools × 64 KiB of schema is the most a valid manifest holds; leave room for server.json.
export const MAX_BODY = 9 * 1024 * 1024;

/** Parses a query or JSON body with a zod schema, or answers 400 naming each bad field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new RegistryError(
    400,
    `invalid ${where}`,
    result.error.issues.map((issue) => ({ pointer: toPointer(issue.path), message: issue.message })),
  );
}

/** Answers 413 when a request declares a body over the limit, before anything reads it. */
export function refuseDeclaredOversize(c: Context): void {
  if (Number(c.req.header('content-length')) > MAX_BODY) throw tooLarge();
}

// Deeper than any manifest needs, shallow enough that validating what is inside (schemas walk
// recursively) cannot run out of stack.
export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests objects or arrays deeper than `limit`, measured without recursion. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The JSON body of a request, or 400 when it is not JSON or nests too deep, or 413 once it passes the limit. */
export async function jsonBody(c: Context): Promise<unknown> {
  const text = await bodyText(c);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RegistryError(400, 'the body is not valid JSON');
  }
  if (nestedDeeperThan(body, MAX_JSON_DEPTH))
    throw new RegistryError(400, `the body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  return body;
}

// Under @hono/node-server the body is read from Node's request itself: going through
// `c.req.raw` builds a fetch Request first, which costs more than the rest of a publish's HTTP work.
async function bodyText(c: Context): Promise<string> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of (incoming ?? c.req.raw.body ?? []) as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_BODY) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge() {
  return new RegistryError(413, `request body over ${MAX_BODY} bytes`);
}
