// Table names carry a `conversation` prefix, and the applied versions their own table, so a
// database the registry also uses (one DATABASE_URL for both) is shared without a clash.
/** Schema versions of the PostgreSQL conversation store, applied in order; never edit one that has shipped. */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `CREATE TABLE conversations (
     id TEXT PRIMARY KEY,
     created_at BIGINT NOT NULL,
     updated_at BIGINT NOT NULL,
     first_seq INTEGER NOT NULL DEFAULT 0,
     next_seq INTEGER NOT NULL DEFAULT 0,
     image_counter INTEGER NOT NULL DEFAULT 0,
     bytes BIGINT NOT NULL DEFAULT 0,
     turn_owner TEXT,
     turn_until BIGINT
   );
   CREATE INDEX conversations_updated ON conversations (updated_at);
   CREATE TABLE conversation_messages (
     conversation TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     message TEXT NOT NULL,
     PRIMARY KEY (conversation, seq)
   );
   CREATE TABLE conversation_images (
     conversation TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
     number INTEGER NOT NULL,
     handle TEXT NOT NULL,
     mime_type TEXT NOT NULL,
     source TEXT NOT NULL,
     data BYTEA NOT NULL,
     PRIMARY KEY (conversation, handle)
   );`,
];
