import type { StoredImage } from '../agent/image-store.js';
import type { ChatMessage } from '../lmm/backend.js';

/** A conversation as stored: its kept messages (oldest first) and pictures, and its handle counter. */
export interface ConversationRecord {
  id: string;
  messages: ChatMessage[];
  /** Position of `messages[0]` in the conversation since it began (earlier ones were dropped). */
  firstSeq: number;
  images: StoredImage[];
  /** The number in the last handle given out (`image_<n>`), so handles never repeat. */
  imageCounter: number;
}

/** What one turn did to its conversation, written at the turn's end in one transaction. */
export interface TurnChange {
  /** Position of the first message kept; the ones before it are dropped (the conversation's bound). */
  firstSeq: number;
  /** The turn's messages that are kept, from position `appendSeq` on. */
  append: ChatMessage[];
  appendSeq: number;
  addImages: StoredImage[];
  dropImages: string[];
  imageCounter: number;
}

/**
 * Where conversations live; one file per implementation (`sqlite.ts`, `postgres.ts`), both held
 * to `test/conversation-store.contract.ts`. A turn reads its conversation with `claim`, which
 * holds it for `leaseMs` (renewed by `renew`) so a second turn of the same conversation, on this
 * host or another, is refused while the first runs; `commit` writes the turn and lets it go.
 * @see ../../README.md "Conversation storage"
 */
export interface ConversationStore {
  create(): Promise<string>;
  /** The conversation, or undefined when there is none (never made, or removed by retention). */
  read(id: string): Promise<ConversationRecord | undefined>;
  /** Throws {@link ConversationBusyError} while another turn holds it; undefined when there is none. */
  claim(id: string, owner: string, leaseMs: number): Promise<ConversationRecord | undefined>;
  /** Extends a claim; false when it was lost (expired and taken, or the conversation removed). */
  renew(id: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Writes a turn and ends the claim; throws {@link ConversationLostError} when the claim was lost. */
  commit(id: string, owner: string, change: TurnChange): Promise<void>;
  image(id: string, handle: string): Promise<StoredImage | undefined>;
  /** Applies the retention limits now; answers how many conversations it removed. */
  prune(): Promise<number>;
  count(): Promise<number>;
  close(): Promise<void>;
}

/** A turn asked for a conversation that another turn (on any host sharing the store) is running. */
export class ConversationBusyError extends Error {
  constructor(id: string) {
    super(`conversation ${id} is answering another message; send this one when that answer has ended`);
    this.name = 'ConversationBusyError';
  }
}

/** A turn's claim ran out before it could be written (the host stalled past its lease, or retention removed it). */
export class ConversationLostError extends Error {
  constructor(id: string) {
    super(
      `this turn of conversation ${id} could not be saved: its hold on the conversation expired or the conversation was removed`,
    );
    this.name = 'ConversationLostError';
  }
}
