import type { Conversation } from '../agent/conversation.js';
import type { StoredImage } from '../agent/image-store.js';
import { ConversationBusyError } from '../conversations/store.js';
import { beginTurn, type ConversationTurn } from '../conversations/turn.js';
import type { HostEnv } from './env.js';
import { HostHttpError } from './errors.js';

export const NO_CONVERSATION =
  'no such conversation (never started here, or removed by the host’s retention limits)';

/**
 * Starts a turn of conversation `id` for a request: 404 when there is none, 409 while another
 * turn of it runs (on this host or another sharing its database).
 */
export async function turnFor(vars: HostEnv['Variables'], id: string): Promise<ConversationTurn> {
  const settings = vars.host.config.conversations;
  let turn: ConversationTurn | undefined;
  try {
    turn = await beginTurn(vars.conversations, id, {
      maxMessages: settings.maxMessages,
      maxImages: settings.maxImages,
      leaseMs: settings.turnLeaseSeconds * 1000,
    });
  } catch (error) {
    if (error instanceof ConversationBusyError)
      throw new HostHttpError(
        409,
        `${error.message} (a turn whose host stopped holds it at most ${settings.turnLeaseSeconds} s)`,
      );
    throw error;
  }
  if (!turn) throw new HostHttpError(404, NO_CONVERSATION);
  const { conversation, finish } = turn;
  vars.running.set(id, conversation);
  return {
    conversation,
    finish: () => {
      vars.running.delete(id);
      return finish();
    },
  };
}

/** The conversations answering a message on this host now: only they hold this turn's pictures. */
export type RunningTurns = Map<string, Conversation>;

/**
 * A picture of conversation `id`: from its running turn on this host first (the page shows a
 * tool's picture as the turn streams, before the turn is written), else from the store.
 */
export async function pictureOf(
  vars: HostEnv['Variables'],
  id: string,
  handle: string,
): Promise<StoredImage | undefined> {
  return vars.running.get(id)?.images.get(handle) ?? (await vars.conversations.image(id, handle));
}
