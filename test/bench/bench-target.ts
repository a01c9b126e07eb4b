import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, withDatabase } from '@isac/config';
import type { BenchTarget } from './baseline.js';

/**
 * A benchmark's own database (isac_bench_<id>, created and dropped around the run) and Redis key
 * prefix, on the servers named by DATABASE_URL / REDIS_URL. With BENCH_KEEP_DATABASE=1 the database
 * is kept (its name printed), to look at its plans by hand after a run. `reuse` names such a kept
 * database: the run works in it and leaves it (the scale bench's `--reuse`, to measure again
 * without loading again).
 */
export async function withBenchTarget<T>(work: (target: BenchTarget) => Promise<T>, reuse?: string): Promise<T> {
  const config = loadConfig();
  const id = randomBytes(4).toString('hex');
  const database = reuse ?? `isac_bench_${id}`;
  const admin = new pg.Client({ connectionString: withDatabase(config.DATABASE_URL, 'postgres') });
  await admin.connect();
  if (reuse === undefined) await admin.query(`CREATE DATABASE "${database}"`);
  const prefix = `isac-bench-${id}`;
  try {
    return await work({ databaseUrl: withDatabase(config.DATABASE_URL, database), redisUrl: config.REDIS_URL, prefix });
  } finally {
    if (reuse !== undefined || process.env.BENCH_KEEP_DATABASE === '1') console.log(`kept the database ${database}: drop it when done`);
    else await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}
