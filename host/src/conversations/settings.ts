import { z } from 'zod';

/**
 * How long and how much the conversation store keeps, enforced by the store itself: a
 * conversation not touched for `maxAgeDays` is gone, and past `maxConversations` or `maxBytes`
 * (messages and images together) the least recently used go first, checked every `checkSeconds`.
 * A conversation in the middle of a turn is never removed.
 * @see ../../README.md "Conversation storage"
 */
export const RetentionSchema = z.object({
  maxAgeDays: z.coerce.number().positive().default(30),
  maxConversations: z.coerce.number().int().min(1).default(10_000),
  maxBytes: z.coerce
    .number()
    .int()
    .min(1024 * 1024, 'must be at least 1 MiB (1048576): one picture can be that large')
    .default(2 * 1024 ** 3),
  /**
   * How often (seconds of the store's clock) a write applies the count and byte limits; 0 at every
   * write. Each pass reads the totals of every conversation and ranks them all when over a limit.
   */
  checkSeconds: z.coerce.number().min(0).max(3600).default(10),
});
export type Retention = z.infer<typeof RetentionSchema>;

/**
 * Where conversations are kept and how much of each one: `databaseUrl` (PostgreSQL, shared by
 * every host that names it) wins over `data` (a directory holding `conversations.sqlite`).
 * `maxMessages` and `maxImages` bound one conversation, oldest exchanges and pictures first.
 */
export const ConversationSettingsSchema = z.object({
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  data: z.string().min(1).default('.mmskills/host'),
  maxMessages: z.coerce.number().int().min(2).default(40),
  maxImages: z.coerce.number().int().min(1).default(32),
  // How long a turn holds its conversation without renewing; a host killed mid-turn frees it after this.
  turnLeaseSeconds: z.coerce.number().int().min(1).max(3600).default(30),
  retention: RetentionSchema.prefault({}),
});
export type ConversationSettings = z.infer<typeof ConversationSettingsSchema>;

/** The flags that set conversation storage, for `parseArgs` (values are strings). */
export const CONVERSATION_FLAGS = {
  data: { type: 'string' },
  'database-url': { type: 'string' },
  'retention-days': { type: 'string' },
  'retention-conversations': { type: 'string' },
  'retention-bytes': { type: 'string' },
} as const;

export const CONVERSATION_USAGE = `  --data <dir>  where conversations are kept: <dir>/conversations.sqlite (default .mmskills/host)
  --database-url postgres://…  keep them in PostgreSQL instead, shared by every host that names it
  --retention-days 30 --retention-conversations 10000 --retention-bytes 2147483648
                least recently used conversations are removed past any of these
`;

/**
 * The `conversations` settings from the config file's object, then `MMSKILLS_HOST_DATA` and
 * `MMSKILLS_DATABASE_URL`, then flags (later wins); validated with the rest of the config.
 */
export function layerConversationSettings(
  file: unknown,
  env: NodeJS.ProcessEnv,
  flags: Partial<Record<keyof typeof CONVERSATION_FLAGS, string>>,
): Record<string, unknown> {
  const fromFile = isObject(file) ? file : {};
  const given = (values: Record<string, string | undefined>) =>
    Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== ''));
  return {
    ...fromFile,
    ...given({ data: env.MMSKILLS_HOST_DATA, databaseUrl: env.MMSKILLS_DATABASE_URL }),
    ...given({ data: flags.data, databaseUrl: flags['database-url'] }),
    retention: {
      ...(isObject(fromFile.retention) ? fromFile.retention : {}),
      ...given({
        maxAgeDays: flags['retention-days'],
        maxConversations: flags['retention-conversations'],
        maxBytes: flags['retention-bytes'],
      }),
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
