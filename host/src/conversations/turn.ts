import { randomUUID } from 'node:crypto';
import { Conversation, type ConversationBounds } from '../agent/conversation.js';
import type { ConversationStore } from './store.js';

/** One turn's hold on a stored conversation: the conversation to run it on, and its end. */
export interface ConversationTurn {
  conversation: Conversation;
  /** Writes what the turn did and lets the conversation go; throws when the hold was lost. */
  finish(): Promise<void>;
}

/**
 * Starts a turn: reads the conversation as it is now in the store (another host may have
 * answered its last message) and holds it for the turn, renewing the hold while the turn runs.
 * Undefined when there is no such conversation; throws ConversationBusyError while another turn
 * holds it.
 */
export async function beginTurn(
  store: ConversationStore,
  id: string,
  options: ConversationBounds & { leaseMs: number },
): Promise<ConversationTurn | undefined> {
  const owner = randomUUID();
  const record = await store.claim(id, owner, options.leaseMs);
  if (!record) return undefined;
  const conversation = new Conversation(id, options, record);
  // A third of the lease between renewals: two can be missed (a busy event loop) before it lapses.
  // A failed or lost renewal is not reported here: `commit` refuses a turn whose hold was lost.
  const renewal = setInterval(() => {
    store.renew(id, owner, options.leaseMs).catch(() => false);
  }, options.leaseMs / 3);
  renewal.unref();
  return {
    conversation,
    async finish() {
      clearInterval(renewal);
      await store.commit(id, owner, conversation.changes());
    },
  };
}
