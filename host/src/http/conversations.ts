import type { Conversation } from '../agent/conversation.js';

/**
 * Conversations in memory, least recently used first out past `max`. They do not survive a
 * restart of the host: that is documented, not an accident.
 */
export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();

  constructor(
    private readonly create: () => Conversation,
    private readonly max = 500,
  ) {}

  open(): Conversation {
    const conversation = this.create();
    this.conversations.set(conversation.id, conversation);
    while (this.conversations.size > this.max) {
      this.conversations.delete(this.conversations.keys().next().value as string);
    }
    return conversation;
  }

  get(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    if (conversation) {
      this.conversations.delete(id);
      this.conversations.set(id, conversation);
    }
    return conversation;
  }

  get size(): number {
    return this.conversations.size;
  }
}
