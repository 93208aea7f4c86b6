import pg from 'pg';

/** The channel on which every registry process announces a server whose searchable tools changed. */
export const CHANGES_CHANNEL = 'mmskills_tools';

export interface ChangeFeed {
  close(): Promise<void>;
}

/**
 * Listens for other processes' changes to the tool index (NOTIFY is delivered only after the
 * writer commits). Payloads are `[schema, serverName]`, so stores in other schemas of the same
 * database are ignored, and so are notifications sent from `ownBackends` (this process's pool).
 * `onLost` is called once if the connection drops; what changed meanwhile is unknown then.
 */
export async function listenForChanges(options: {
  connectionString: string;
  schema: string;
  ownBackends: ReadonlySet<number>;
  onChange: (serverName: string) => void;
  onLost: () => void;
}): Promise<ChangeFeed> {
  const client = new pg.Client({ connectionString: options.connectionString });
  let closing = false;
  let lost = false;
  const lose = () => {
    if (closing || lost) return;
    lost = true;
    options.onLost();
  };
  client.on('error', lose);
  client.on('end', lose);
  client.on('notification', (message) => {
    if (message.channel !== CHANGES_CHANNEL || options.ownBackends.has(message.processId)) return;
    const [schema, name] = parsePayload(message.payload);
    if (schema === options.schema && typeof name === 'string') options.onChange(name);
  });
  await client.connect();
  await client.query(`LISTEN ${CHANGES_CHANNEL}`);
  return {
    async close() {
      closing = true;
      await client.end();
    },
  };
}

function parsePayload(payload: string | undefined): unknown[] {
  try {
    const value: unknown = JSON.parse(payload ?? '');
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}
