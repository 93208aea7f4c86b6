import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type Retention, RetentionSchema } from '../src/conversations/settings.js';
import {
  ConversationBusyError,
  ConversationLostError,
  type ConversationStore,
  type TurnChange,
} from '../src/conversations/store.js';
import { beginTurn } from '../src/conversations/turn.js';
import type { ChatMessage } from '../src/lmm/backend.js';

/** Opens stores on one database made for the test: every call of `open` sees the same rows. */
export type StoreFactory = (options: {
  retention: Retention;
  clock: () => number;
}) => Promise<{ open(): Promise<ConversationStore> }>;

const DAY = 86_400_000;
const png = (bytes = 64) => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(bytes)]);
/** A turn that changes nothing: the base of each test's own change. */
export const nothing: TurnChange = {
  firstSeq: 0,
  append: [],
  appendSeq: 0,
  addImages: [],
  dropImages: [],
  imageCounter: 0,
};

/** One suite, run against every implementation (SQLite, PostgreSQL). */
export function conversationStoreContract(name: string, factory: StoreFactory) {
  describe(`conversation store contract: ${name}`, () => {
    let time = Date.UTC(2026, 11, 1);
    const opened: ConversationStore[] = [];
    const fresh = async (retention: Partial<Retention> = {}) => {
      const database = await factory({ retention: RetentionSchema.parse(retention), clock: () => time });
      const open = async () => {
        const store = await database.open();
        opened.push(store);
        return store;
      };
      return { store: await open(), open };
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('keeps messages with picture parts and images across a reopen of the database', async () => {
      const { store, open } = await fresh();
      const id = await store.create();
      expect(await store.read(id)).toMatchObject({ id, messages: [], images: [], imageCounter: 0 });
      const picture = png();
      const messages: ChatMessage[] = [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in <image_1>?' },
            { type: 'image', data: picture, mimeType: 'image/png' },
          ],
        },
        { role: 'assistant', content: 'A cat. ✓' },
      ];
      const image = { handle: 'image_1', data: picture, mimeType: 'image/png', source: 'user' };
      await store.claim(id, 'turn-1', 10_000);
      await store.commit(id, 'turn-1', {
        ...nothing,
        append: messages,
        addImages: [image],
        imageCounter: 1,
      });
      const again = await open();
      const record = await again.read(id);
      expect(record?.messages).toEqual(messages);
      expect(record?.images).toEqual([image]);
      expect(record?.imageCounter).toBe(1);
      expect(await again.image(id, 'image_1')).toEqual(image);
      expect(await again.image(id, 'image_2')).toBeUndefined();
      expect(await again.count()).toBe(1);
    });

    it('answers nothing for an unknown conversation', async () => {
      const { store } = await fresh();
      expect(await store.read('no-such-id')).toBeUndefined();
      expect(await store.claim('no-such-id', 'turn', 1000)).toBeUndefined();
      expect(await store.image('no-such-id', 'image_1')).toBeUndefined();
    });

    it('refuses a second turn while one holds the conversation, from another store on the same database', async () => {
      const { store, open } = await fresh();
      const other = await open();
      const id = await store.create();
      expect(await store.claim(id, 'first', 10_000)).toBeDefined();
      await expect(other.claim(id, 'second', 10_000)).rejects.toThrow(ConversationBusyError);
      await expect(other.commit(id, 'second', nothing)).rejects.toThrow(ConversationLostError);
      await store.commit(id, 'first', {
        ...nothing,
        append: [{ role: 'user', content: 'hi' }],
        appendSeq: 0,
      });
      const record = await other.claim(id, 'second', 10_000);
      expect(record?.messages).toEqual([{ role: 'user', content: 'hi' }]);
    });

    it('lets a lapsed hold be taken over, and then refuses the first turn its commit', async () => {
      const { store } = await fresh();
      const id = await store.create();
      await store.claim(id, 'stalled', 1000);
      expect(await store.renew(id, 'stalled', 1000)).toBe(true);
      time += 5000;
      expect(await store.claim(id, 'next', 1000)).toBeDefined();
      expect(await store.renew(id, 'stalled', 1000)).toBe(false);
      await expect(store.commit(id, 'stalled', nothing)).rejects.toThrow(ConversationLostError);
      await store.commit(id, 'next', nothing);
    });

    it('keeps what a conversation keeps in memory when its bounds drop messages and pictures', async () => {
      const { store, open } = await fresh();
      const id = await store.create();
      const bounds = { maxMessages: 4, maxImages: 2, leaseMs: 10_000 };
      for (let i = 1; i <= 5; i += 1) {
        const turn = await beginTurn(store, id, bounds);
        if (!turn) throw new Error('the conversation is missing');
        const image = turn.conversation.images.add(png(), 'image/png', 'user');
        turn.conversation.append([
          { role: 'user', content: `question ${i} about ${image.handle}` },
          { role: 'assistant', content: `answer ${i}` },
        ]);
        await turn.finish();
      }
      const record = await (await open()).read(id);
      expect(record?.messages.map((message) => message.content)).toEqual([
        'question 4 about image_4',
        'answer 4',
        'question 5 about image_5',
        'answer 5',
      ]);
      expect(record?.images.map((image) => image.handle)).toEqual(['image_4', 'image_5']);
      expect(record?.imageCounter).toBe(5);
      expect(await store.image(id, 'image_3')).toBeUndefined();
    });

    it('removes the least recently used conversations past the count', async () => {
      const { store } = await fresh({ maxConversations: 2, checkSeconds: 0 });
      const first = await store.create();
      const second = await store.create();
      await store.claim(first, 'turn', 1000);
      await store.commit(first, 'turn', nothing);
      await store.create();
      expect(await store.read(second)).toBeUndefined();
      expect(await store.read(first)).toBeDefined();
      expect(await store.count()).toBe(2);
    });

    it('applies the count and bytes at most once every checkSeconds of its clock, age at every read', async () => {
      const { store } = await fresh({ maxConversations: 2, maxAgeDays: 1, checkSeconds: 10 });
      const first = await store.create();
      await store.create();
      await store.create();
      // Within the 10 s since the first write's pass: over the count for now.
      expect(await store.count()).toBe(3);
      time += 10_000;
      await store.create();
      expect(await store.count()).toBe(2);
      expect(await store.read(first)).toBeUndefined();
      // An expired conversation is not served, pass or no pass.
      const kept = await store.create();
      time += 2 * DAY;
      expect(await store.read(kept)).toBeUndefined();
    });

    it('removes conversations older than the age limit, and never one a turn holds', async () => {
      const { store } = await fresh({ maxAgeDays: 1, checkSeconds: 0 });
      const idle = await store.create();
      const busy = await store.create();
      await store.claim(busy, 'turn', 3 * DAY);
      time += 2 * DAY;
      expect(await store.read(idle)).toBeUndefined();
      expect(await store.prune()).toBe(1);
      await store.commit(busy, 'turn', nothing);
      expect(await store.read(busy)).toBeDefined();
      expect(await store.count()).toBe(1);
    });

    it('removes the least recently used conversations past the byte total, keeping the newest', async () => {
      const { store } = await fresh({ maxBytes: 1024 * 1024, checkSeconds: 0 });
      const withPicture = async (bytes: number) => {
        const id = await store.create();
        await store.claim(id, 'turn', 1000);
        const image = { handle: 'image_1', data: png(bytes), mimeType: 'image/png', source: 'user' };
        await store.commit(id, 'turn', { ...nothing, addImages: [image], imageCounter: 1 });
        return id;
      };
      const older = await withPicture(600_000);
      const newer = await withPicture(600_000);
      expect(await store.read(older)).toBeUndefined();
      expect(await store.read(newer)).toBeDefined();
      const huge = await withPicture(1_500_000);
      expect(await store.read(huge)).toBeDefined();
      expect(await store.read(newer)).toBeUndefined();
    });
  });
}
