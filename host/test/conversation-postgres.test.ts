import { describe, it } from 'vitest';
import { openPostgresConversations } from '../src/conversations/postgres.js';
import { freshSchema } from './conversation-host.js';
import { conversationStoreContract } from './conversation-store.contract.js';

// .ci/run starts Debian's PostgreSQL and sets this; locally run `bash .ci/postgres.sh` to get one.
const url = process.env.MMSKILLS_TEST_DATABASE_URL;

if (url) {
  let counter = 0;
  conversationStoreContract('postgres', async (options) => {
    const scoped = await freshSchema(url, `conversations_${process.pid}_${counter++}`);
    return { open: () => openPostgresConversations(scoped, options) };
  });
} else {
  describe('conversation store contract: postgres', () => {
    it.skip('needs MMSKILLS_TEST_DATABASE_URL (bash .ci/postgres.sh prints one)', () => {});
  });
}
