import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteConversations } from '../src/conversations/sqlite.js';
import { conversationStoreContract } from './conversation-store.contract.js';

conversationStoreContract('sqlite', async (options) => {
  const file = join(mkdtempSync(join(tmpdir(), 'conversations-')), 'conversations.sqlite');
  return { open: async () => openSqliteConversations(file, options) };
});
