// Shared by the jest global setup/teardown and the suites: names of this run's databases and keys.
// Kept free of @isac/* imports: jest loads global setup outside its module mapping.
import pg from 'pg';

// the maintenance database every cluster has (initdb makes it): a fresh server needs nothing created by hand
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = '/' + database;
  return url.toString();
}

/** Test setup refuses any database whose name does not say it is a test one. */
export function assertTestDatabase(name: string): void {
  if (!/^isac_test_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to touch database "${name}": not a test database`);
}

export async function adminQuery<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  assertTestDatabase(name);
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
