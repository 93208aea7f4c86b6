import { type ChatMessage, textOf } from '../lmm/backend.js';
import { ImageStore } from './image-store.js';

/**
 * The state of one conversation: past turns (without the system prompt, which is rebuilt for
 * each question's tools) and its images. Bounded: the oldest exchanges are dropped first.
 */
export class Conversation {
  readonly images: ImageStore;
  private history: ChatMessage[] = [];

  constructor(
    readonly id: string,
    private readonly maxMessages = 40,
    maxImages = 32,
  ) {
    this.images = new ImageStore(maxImages);
  }

  get messages(): readonly ChatMessage[] {
    return this.history;
  }

  append(messages: readonly ChatMessage[]): void {
    this.history.push(...messages);
    while (this.history.length > this.maxMessages) {
      // Drop whole exchanges so the history never starts with an assistant turn.
      const nextUser = this.history.findIndex(
        (message, i) => i > 0 && message.role === 'user' && isQuestion(message),
      );
      this.history = nextUser > 0 ? this.history.slice(nextUser) : this.history.slice(-this.maxMessages);
    }
  }
}

function isQuestion(message: ChatMessage): boolean {
  // An observation that shows pictures is a list of parts; its text still names the outputs.
  return !textOf(message.content).includes(' model outputs: ');
}
