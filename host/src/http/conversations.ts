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
  return turn;
}
