import type { ConversationRecord, TurnChange } from '../conversations/store.js';
import { type ChatMessage, textOf } from '../lmm/backend.js';
import { ImageStore } from './image-store.js';

/** How much one conversation keeps: the oldest exchanges and pictures go first past these. */
export interface ConversationBounds {
  maxMessages: number;
  maxImages: number;
}

/**
 * The state of one conversation during a turn: past turns (without the system prompt, which is
 * rebuilt for each question's tools) and its images. Bounded: the oldest exchanges are dropped
 * first. Started from a stored record, it answers what the turn changed (`changes`) for the
 * store to write at the turn's end.
 */
export class Conversation {
  readonly images: ImageStore;
  private history: ChatMessage[];
  private readonly maxMessages: number;
  private firstSeq: number;
  private appended = 0;

  constructor(
    readonly id: string,
    bounds: ConversationBounds = { maxMessages: 40, maxImages: 32 },
    restored?: ConversationRecord,
  ) {
    this.maxMessages = bounds.maxMessages;
    this.history = [...(restored?.messages ?? [])];
    this.firstSeq = restored?.firstSeq ?? 0;
    this.images = new ImageStore(bounds.maxImages, {
      images: restored?.images ?? [],
      counter: restored?.imageCounter ?? 0,
    });
  }

  get messages(): readonly ChatMessage[] {
    return this.history;
  }

  append(messages: readonly ChatMessage[]): void {
    this.history.push(...messages);
    this.appended += messages.length;
    while (this.history.length > this.maxMessages) {
      // Drop whole exchanges so the history never starts with an assistant turn.
      const nextUser = this.history.findIndex(
        (message, i) => i > 0 && message.role === 'user' && isQuestion(message),
      );
      const kept = nextUser > 0 ? this.history.slice(nextUser) : this.history.slice(-this.maxMessages);
      this.firstSeq += this.history.length - kept.length;
      this.history = kept;
    }
  }

  /** What this turn did, for {@link ConversationStore.commit}. */
  changes(): TurnChange {
    const kept = Math.min(this.appended, this.history.length);
    const images = this.images.changes();
    return {
      firstSeq: this.firstSeq,
      append: this.history.slice(this.history.length - kept),
      appendSeq: this.firstSeq + this.history.length - kept,
      addImages: images.added,
      dropImages: images.dropped,
      imageCounter: images.counter,
    };
  }
}

function isQuestion(message: ChatMessage): boolean {
  // An observation that shows pictures is a list of parts; its text still names the outputs.
  return !textOf(message.content).includes(' model outputs: ');
}
