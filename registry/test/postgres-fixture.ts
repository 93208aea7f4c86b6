import pg from 'pg';

/**
 * A URL for `url`'s database whose connections work in a new, empty `schema` (one left over from
 * an earlier run is dropped), so stores opened on it never see other tests' rows.
 */
export async function freshSchema(url: string, schema: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await admin.end();
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return scoped.toString();
}
