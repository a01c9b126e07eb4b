// The raw speed of this machine's PostgreSQL and BullMQ, measured in the same run as any hub
// benchmark, so that the hub's figures are read as ratios, not absolutes.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyRow } from '@isac/stix-store';

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

export async function rawPostgresInsertRates({ databaseUrl, rows = 200_000, runs = 3 }: { databaseUrl: string; rows?: number; runs?: number }): Promise<Rates> {
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
  return ratesOf(rates);
}

export interface Rates {
  median: number;
  runs: number[];
}

function ratesOf(runs: number[]): Rates {
  const sorted = [...runs].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], runs };
}

/** "412,345 rows/s (median of 398,000 / 412,345 / 455,000)" */
export function describeRates(rates: Rates): string {
  const n = (x: number) => Math.round(x).toLocaleString('en');
  return rates.runs.length > 1 ? `${n(rates.median)} rows/s (median of ${rates.runs.map(n).join(' / ')})` : `${n(rates.median)} rows/s`;
}

/**
 * The same STIX objects as rows of a table shaped like stix_objects (its columns, primary key and
 * indexes; logged, as the store is): rows/s of batched INSERTs of 1,000 rows a statement, and of
 * one COPY — what PostgreSQL alone does with the rows an ingest writes, with no parsing, checking or
 * case. The row texts are made before the clock starts; each run writes into a fresh table, in one
 * transaction as the store does, and the table is dropped afterwards. Medians of `runs` runs, as
 * for the small-row baseline: single runs on this shared machine vary by a third.
 */
export async function rawStixRowRates({ databaseUrl, objects, runs = 3 }: { databaseUrl: string; objects: Record<string, unknown>[]; runs?: number }): Promise<{ insert: Rates; copy: Rates }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const author = '00000000-0000-4000-8000-000000000000';
  const rows = objects.map((o) => {
    const version = String(o.modified ?? o.created ?? '');
    return { id: String(o.id), version, type: String(o.type), json: JSON.stringify(o) };
  });
  const copyText: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    copyText.push(rows.slice(i, i + 500).map((r) => copyRow([r.id, r.version, r.version === '' ? null : r.version, r.type, author, `{${author}}`, r.json])).join(''));
  }
  const rate = async (work: () => Promise<void>) => {
    await client.query(`DROP TABLE IF EXISTS bench_stix_raw`);
    await client.query(`CREATE TABLE bench_stix_raw (LIKE stix_objects INCLUDING DEFAULTS INCLUDING INDEXES)`);
    const started = process.hrtime.bigint();
    await client.query('BEGIN');
    await work();
    await client.query('COMMIT');
    return rows.length / (Number(process.hrtime.bigint() - started) / 1e9);
  };
  const insertRows = async () => {
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000);
      await client.query(
        `INSERT INTO bench_stix_raw (stix_id, version, modified_at, type, author_org_id, recipient_org_ids, object)
         SELECT id, version, nullif(version, '')::timestamptz, type, $5::uuid, ARRAY[$5::uuid], object::json FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS r(id, version, type, object)`,
        [batch.map((r) => r.id), batch.map((r) => r.version), batch.map((r) => r.type), batch.map((r) => r.json), author],
      );
    }
  };
  const copyRows = async () => {
    await pipeline(Readable.from(copyText), client.query(copyFrom(`COPY bench_stix_raw (stix_id, version, modified_at, type, author_org_id, recipient_org_ids, object) FROM STDIN`)));
  };
  try {
    const inserts: number[] = [];
    const copies: number[] = [];
    for (let run = 0; run < runs; run++) {
      inserts.push(await rate(insertRows));
      copies.push(await rate(copyRows));
    }
    return { insert: ratesOf(inserts), copy: ratesOf(copies) };
  } finally {
    await client.query(`DROP TABLE IF EXISTS bench_stix_raw`).catch(() => undefined);
    await client.end();
  }
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
