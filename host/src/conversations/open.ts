import { join, resolve } from 'node:path';
import { openPostgresConversations } from './postgres.js';
import type { ConversationSettings } from './settings.js';
import { openSqliteConversations } from './sqlite.js';
import type { ConversationStore } from './store.js';

/** The SQLite file the host keeps conversations in when no database URL is given. */
export function conversationFile(settings: ConversationSettings, cwd = process.cwd()): string {
  return resolve(cwd, join(settings.data, 'conversations.sqlite'));
}

/**
 * Opens the store the settings name: PostgreSQL when `databaseUrl` is set, else the SQLite file
 * under `data`. A database that cannot be reached or opened is an error saying which.
 * @see ../../README.md "Conversation storage"
 */
export async function openConversationStore(
  settings: ConversationSettings,
  cwd = process.cwd(),
): Promise<ConversationStore> {
  const { retention } = settings;
  if (settings.databaseUrl) {
    try {
      return await openPostgresConversations(settings.databaseUrl, { retention });
    } catch (error) {
      throw new Error(
        `cannot open the conversation database at ${redacted(settings.databaseUrl)}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  const file = conversationFile(settings, cwd);
  try {
    return openSqliteConversations(file, { retention });
  } catch (error) {
    throw new Error(`cannot open the conversation file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

// A URL's password must not reach a log or a terminal.
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the given URL';
  }
}
