import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '@isac/config';
import { adminQuery, assertTestDatabase, dropDatabase, REDIS_URL, urlFor } from './test-run.js';

export interface TestEnv {
  config: AppConfig;
  database: string;
  /** drops the database (Redis keys go with the run, in global teardown) */
  dispose(): Promise<void>;
}

function run(): string {
  const id = process.env.ISAC_TEST_RUN;
  if (!id) throw new Error('ISAC_TEST_RUN is not set: run the suites through jest (npm test), whose global setup sets it');
  return id;
}

/**
 * A suite's own database and Redis key prefix, so suites and parallel runs never collide.
 * `migrated` copies the run's migrated template; otherwise the database is empty.
 */
export async function createTestEnv(options: { migrated?: boolean; env?: Record<string, string> } = {}): Promise<TestEnv> {
  const suffix = randomBytes(4).toString('hex');
  const database = `isac_test_${run()}_${suffix}`;
  assertTestDatabase(database);
  const template = options.migrated === false ? 'template0' : process.env.ISAC_TEST_TEMPLATE!;
  await adminQuery(`CREATE DATABASE "${database}" TEMPLATE "${template}"`);
  const config = loadConfig({
    DATABASE_URL: urlFor(database),
    REDIS_URL,
    REDIS_PREFIX: `isac-test-${run()}-${suffix}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    // the suites' webhook receivers listen on this machine
    WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8,::1/128',
    ...options.env,
  });
  return { config, database, dispose: () => dropDatabase(database) };
}
