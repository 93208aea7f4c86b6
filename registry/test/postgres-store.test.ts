import pg from 'pg';
import { describe, it } from 'vitest';
import { openPostgresStore } from '../src/store/postgres/store.js';
import { storeContract } from './store.contract.js';

// .ci/run starts Debian's PostgreSQL and sets this; locally run `bash .ci/postgres.sh` to get one.
const url = process.env.MMSKILLS_TEST_DATABASE_URL;

if (url) {
  let counter = 0;
  storeContract('postgres', async () => {
    // Each test gets its own schema so stores never see each other's rows.
    const schema = `contract_${process.pid}_${counter++}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    await admin.end();
    const scoped = new URL(url);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    return openPostgresStore(scoped.toString());
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
