import { Redis } from 'ioredis';
import { adminQuery, dropDatabase, REDIS_URL } from './test-run';

/** Drops every database of this run and deletes its Redis keys, whatever the suites left behind. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.ISAC_TEST_RUN;
  if (!run) return;
  const databases = await adminQuery<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`isac_test_${run}_%`]);
  for (const { datname } of databases) await dropDatabase(datname);
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `isac-test-${run}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
