import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openPostgresStore } from '../src/store/postgres/store.js';
import { ToolSearchKindSchema } from '../src/store/tool-search.js';
import { ocrTools, serverJson } from './fixtures.js';
import { freshSchema } from './postgres-fixture.js';
import { storeContract } from './store.contract.js';

const NOW = '2026-11-26T10:00:00.000Z';

// .ci/run starts Debian's PostgreSQL and sets this; locally run `bash .ci/postgres.sh` to get one.
const url = process.env.MMSKILLS_TEST_DATABASE_URL;

if (url) {
  let counter = 0;
  let lastUrl = '';
  for (const engine of ToolSearchKindSchema.options)
    storeContract(
      'postgres',
      engine,
      async (toolSearch) => {
        lastUrl = await freshSchema(url, `contract_${process.pid}_${counter++}`);
        return openPostgresStore(lastUrl, { toolSearch });
      },
      async (toolSearch) => openPostgresStore(lastUrl, { toolSearch }),
    );

  describe('postgres store notifications', () => {
    const admin = new pg.Client({ connectionString: url });
    afterAll(() => admin.end());

    it('reloads its whole index after its notification connection was lost', async () => {
      await admin.connect();
      const scoped = await freshSchema(url, `feed_${process.pid}`);
      const reader = await openPostgresStore(scoped);
      const writer = await openPostgresStore(scoped);
      const listeners = `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND query = 'LISTEN mmskills_tools' AND pid <> pg_backend_pid()`;
      await admin.query(`SELECT pg_terminate_backend(pid) FROM (${listeners}) l`);
      // The notification below must find no listener, so wait until the backends are gone.
      await vi.waitFor(async () => expect((await admin.query(listeners)).rowCount).toBe(0));
      await writer.publish({ server: serverJson('io.github.m/ocr', '1.0.0'), tools: ocrTools, now: NOW });
      await vi.waitFor(async () => {
        expect((await reader.searchTools('read text', 5)).map((hit) => hit.tool.name)).toEqual(['read_text']);
      });
      await Promise.all([reader.close(), writer.close()]);
    });
  });
} else {
  describe('postgres store contract', () => {
    it.skipIf(!process.env.CI)(
      'needs MMSKILLS_TEST_DATABASE_URL (bash .ci/postgres.sh prints one)',
      () => {},
    );
    it.runIf(process.env.CI)('runs in CI, where .ci/run must provide MMSKILLS_TEST_DATABASE_URL', () => {
      throw new Error('MMSKILLS_TEST_DATABASE_URL is not set');
    });
  });
}
