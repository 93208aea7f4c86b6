import type { ServerStatus } from './store.js';

/** What a status change looks at in a stored version. */
export interface StatusFacts {
  status: ServerStatus;
  statusMessage?: string | null;
}

/**
 * Whether setting `status` (with `message`) changes a version. As the official registry has it,
 * asking for the status a version already has, with no message or the same one, changes nothing
 * (the API answers 400 and stores nothing); an empty message counts as none.
 */
export function changes(current: StatusFacts, status: ServerStatus, message: string | undefined): boolean {
  if (current.status !== status) return true;
  const given = message || undefined;
  return given !== undefined && given !== (current.statusMessage ?? undefined);
}

/** The message a changed version keeps: the one given, or none (a new status drops the old reason). */
export function storedMessage(message: string | undefined): string | null {
  return message || null;
}
