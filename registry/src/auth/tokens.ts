import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** A publisher namespace: the reverse-DNS part before `/` of the names it may publish. */
export const NamespaceSchema = z
  .string()
  .transform((value) => value.replace(/\/\*?$/, ''))
  .pipe(
    z.string().regex(/^[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/, 'a namespace is reverse-DNS, like io.github.alice'),
  );

export function newToken(): string {
  return `mmsk_${randomBytes(24).toString('base64url')}`;
}

/** Tokens are stored as SHA-256 hashes only: a leaked database publishes nothing. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(hashToken(given));
  const b = Buffer.from(hashToken(expected));
  return timingSafeEqual(a, b);
}

export function ownsName(namespace: string, serverName: string): boolean {
  return serverName.startsWith(`${namespace}/`);
}
