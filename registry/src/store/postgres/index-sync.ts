import type pg from 'pg';
import type { ToolIndex } from '../../search/tool-index.js';
import { type ChangeFeed, listenForChanges } from './change-feed.js';

const LATEST_TOOLS = `SELECT v.name, v.version, t.descriptor::text AS descriptor
  FROM versions v JOIN tools t ON t.name = v.name AND t.version = v.version
  WHERE v.is_latest`;

type Row = { name: string; version: string; descriptor: string };

/**
 * Keeps a `ToolIndex` equal to the database's latest versions: loaded at start, refreshed per
 * server after this process's commits and on other processes' notifications, reloaded whole
 * when the notification connection was lost. Refreshes run one at a time, each reading the
 * database when its turn comes, so the last one applied is never older than the last commit.
 */
export class IndexSync {
  #chain: Promise<void> = Promise.resolve();
  #feed: ChangeFeed | undefined;
  #stale = false;

  private constructor(
    private readonly index: ToolIndex,
    private readonly pool: pg.Pool,
    private readonly listen: () => Promise<ChangeFeed>,
  ) {}

  static async start(options: {
    index: ToolIndex;
    pool: pg.Pool;
    connectionString: string;
    schema: string;
    ownBackends: ReadonlySet<number>;
  }): Promise<IndexSync> {
    const sync: IndexSync = new IndexSync(options.index, options.pool, () =>
      listenForChanges({
        connectionString: options.connectionString,
        schema: options.schema,
        ownBackends: options.ownBackends,
        onChange: (name) => void sync.refresh(name).catch(() => undefined),
        onLost: () => {
          sync.#stale = true;
        },
      }),
    );
    await sync.#reload();
    return sync;
  }

  /** Re-reads one server's latest tools into the index. */
  refresh(name: string): Promise<void> {
    return this.#enqueue(async () => {
      const { rows } = await this.pool.query<Row>({
        name: 'latest-tools-of',
        text: `${LATEST_TOOLS} AND v.name = $1 ORDER BY t.position`,
        values: [name],
      });
      this.index.setServer(
        name,
        rows[0]?.version ?? '',
        rows.map((row) => row.descriptor),
      );
    });
  }

  /** Resolves once every refresh asked for so far is applied (and a lost feed is restored). */
  ready(): Promise<void> {
    if (this.#stale) {
      this.#stale = false;
      return this.#reload();
    }
    return this.#chain;
  }

  async close(): Promise<void> {
    await this.#chain.catch(() => undefined);
    await this.#feed?.close();
  }

  // Listening starts before reading, so no commit falls between the two.
  #reload(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#feed?.close().catch(() => undefined);
      this.#feed = await this.listen();
      const { rows } = await this.pool.query<Row>(
        `${LATEST_TOOLS} ORDER BY v.published_at, v.name, t.position`,
      );
      this.index.clear();
      let start = 0;
      for (let i = 1; i <= rows.length; i += 1) {
        const first = rows[start] as Row;
        if (i < rows.length && (rows[i] as Row).name === first.name) continue;
        this.index.setServer(
          first.name,
          first.version,
          rows.slice(start, i).map((row) => row.descriptor),
        );
        start = i;
      }
    });
  }

  #enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.#chain.then(work);
    // A failed refresh leaves the index unknown: reload it before the next search.
    this.#chain = run.catch(() => {
      this.#stale = true;
    });
    return run;
  }
}
