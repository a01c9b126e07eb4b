// The raw speed of this machine's PostgreSQL and BullMQ, measured in the same run as any hub
// benchmark, so that the hub's figures are read as ratios, not absolutes.
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';

export interface BenchTarget {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
}

/**
 * rows/s of batched multi-row INSERTs (1,000 rows a statement) of a small row, in one connection:
 * the median of `runs` runs, each into a fresh table. One run of 200,000 rows takes half a second,
 * and on this shared machine one such run ranged from 280,000 to 470,000 rows/s within minutes;
 * the median of three is what the hub's figures are divided by.
 */
export async function rawPostgresInsertRate({ databaseUrl, rows = 200_000, runs = 3 }: { databaseUrl: string; rows?: number; runs?: number }): Promise<number> {
  const rates = await rawPostgresInsertRates({ databaseUrl, rows, runs });
  return rates.median;
}

export async function rawPostgresInsertRates({ databaseUrl, rows = 200_000, runs = 3 }: { databaseUrl: string; rows?: number; runs?: number }): Promise<{ median: number; runs: number[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const rates: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      await client.query(`DROP TABLE IF EXISTS bench_raw`);
      await client.query(`CREATE TEMP TABLE bench_raw (id bigint PRIMARY KEY, org uuid NOT NULL, payload jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
      const batch = 1000;
      const org = '00000000-0000-4000-8000-000000000000';
      const started = process.hrtime.bigint();
      for (let offset = 0; offset < rows; offset += batch) {
        const size = Math.min(batch, rows - offset);
        const ids = Array.from({ length: size }, (_, i) => offset + i);
        await client.query(
          `INSERT INTO bench_raw (id, org, payload) SELECT id, $2::uuid, jsonb_build_object('n', id) FROM unnest($1::bigint[]) AS id`,
          [ids, org],
        );
      }
      rates.push(rows / (Number(process.hrtime.bigint() - started) / 1e9));
    }
    await client.query(`DROP TABLE IF EXISTS bench_raw`);
  } finally {
    await client.end();
  }
  const sorted = [...rates].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], runs: rates };
}

/** "412,345 rows/s (median of 398,000 / 412,345 / 455,000)" */
export function describeRates(rates: { median: number; runs: number[] }): string {
  const n = (x: number) => Math.round(x).toLocaleString('en');
  return rates.runs.length > 1 ? `${n(rates.median)} rows/s (median of ${rates.runs.map(n).join(' / ')})` : `${n(rates.median)} rows/s`;
}

/** jobs/s of no-op jobs added in bulk (1,000 a call) and processed by one worker (concurrency 50). */
export async function rawBullmqThroughput({ redisUrl, prefix, jobs = 20_000 }: { redisUrl: string; prefix: string; jobs?: number }): Promise<number> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const name = 'bench-raw';
  const queue = new Queue(name, { connection, prefix });
  let done = 0;
  let finish: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => (finish = resolve));
  const worker = new Worker(
    name,
    async () => {
      if (++done === jobs) finish();
    },
    { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix, concurrency: 50, autorun: false },
  );
  try {
    const started = process.hrtime.bigint();
    void worker.run();
    for (let offset = 0; offset < jobs; offset += 1000) {
      const size = Math.min(1000, jobs - offset);
      await queue.addBulk(Array.from({ length: size }, (_, i) => ({ name: 'noop', data: { n: offset + i }, opts: { removeOnComplete: true } })));
    }
    await allDone;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return jobs / seconds;
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  }
}

export interface Baseline {
  postgresRowsPerSecond: number;
  bullmqJobsPerSecond: number;
}

export async function measureBaseline(target: BenchTarget, log: (line: string) => void = console.log): Promise<Baseline> {
  log('baseline: raw PostgreSQL batched insert (200,000 rows, 1,000 a statement, three runs)…');
  const postgres = await rawPostgresInsertRates({ databaseUrl: target.databaseUrl });
  const postgresRowsPerSecond = postgres.median;
  log(`  PostgreSQL  ${describeRates(postgres)}`);
  log('baseline: raw BullMQ (20,000 no-op jobs added in bulk, concurrency 50)…');
  const bullmqJobsPerSecond = await rawBullmqThroughput({ redisUrl: target.redisUrl, prefix: target.prefix });
  log(`  BullMQ      ${Math.round(bullmqJobsPerSecond).toLocaleString('en')} jobs/s`);
  return { postgresRowsPerSecond, bullmqJobsPerSecond };
}
