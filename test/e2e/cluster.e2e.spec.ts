import { readFileSync } from 'node:fs';
import pg from 'pg';
import { cluster, clusterUp, describeGap, publishDuring, sleep, type Cluster } from '../support/cluster.js';
import { built, runToEnd } from '../support/processes.js';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

/**
 * `npm run cluster`: 2 APIs and 2 workers behind HAProxy (TLS), Redis primary + replica + 3
 * Sentinels, on this machine. While advisories are published through the balancer at a steady
 * rate, one API, one worker and the Redis primary are killed (SIGKILL): every advisory the
 * balancer accepted (2xx) reaches its recipient's inbox exactly once.
 */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the hub as a cluster (npm run cluster)', () => {
  let env: TestEnv;
  let vars: Record<string, string>;
  let up: Cluster | undefined;
  let db: pg.Client;
  const query = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows;

  beforeAll(async () => {
    env = await createTestEnv();
    db = new pg.Client({ connectionString: env.config.DATABASE_URL });
    await db.connect();
    ({ up, vars } = await clusterUp({ DATABASE_URL: env.config.DATABASE_URL, REDIS_PREFIX: env.config.REDIS_PREFIX }));
  }, 180_000);

  afterAll(async () => {
    if (up) await cluster('down', vars);
    await db?.end();
    await env.dispose();
  }, 60_000);

  it('survives the loss of an API, a worker and the Redis primary without losing an accepted advisory', async () => {
    expect(up).toMatchObject({ url: expect.stringMatching(/^https:\/\/localhost:\d+$/), api: [expect.any(Number), expect.any(Number)], workers: [expect.any(Number), expect.any(Number)] });
    expect(up!.redis.sentinels).toHaveLength(3);
    const c = up!;
    const key = (await runToEnd(built('cli'), ['keys', 'create', '--org', 'centre', '--roles', 'analyst'], { DATABASE_URL: env.config.DATABASE_URL, LOG_LEVEL: 'warn' })).stdout.trim();

    let primaryBefore = 0;
    let primaryAfter = 0;
    const publishing = await publishDuring(new URL(c.url), readFileSync(c.ca), key, 'cluster', async () => {
      await sleep(2000);
      process.kill(c.api[0], 'SIGKILL');
      await sleep(3000);
      process.kill(c.workers[0], 'SIGKILL');
      await sleep(3000);
      // the Redis primary: the sentinels promote the replica
      const status = JSON.parse((await cluster('status', vars)).stdout) as { processes: { name: string; pid: number }[]; redisPrimaryPort: number };
      process.kill(status.processes.find((p) => p.name === 'redis-primary')!.pid, 'SIGKILL');
      primaryBefore = primaryAfter = status.redisPrimaryPort;
      for (let i = 0; i < 100 && primaryAfter === primaryBefore; i++) {
        await sleep(300);
        primaryAfter = (JSON.parse((await cluster('status', vars)).stdout) as { redisPrimaryPort: number }).redisPrimaryPort;
      }
      await sleep(3000);
    });
    expect(primaryAfter).not.toBe(primaryBefore);

    // every accepted advisory in energy's inbox, once
    const { accepted } = publishing;
    let rows: { advisory_id: string; n: number }[] = [];
    const drainStarted = Date.now();
    for (let i = 0; i < 300; i++) {
      rows = await query(
        `SELECT d.advisory_id, count(*)::int AS n FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE o.slug = 'energy' AND d.advisory_id = ANY($1) GROUP BY d.advisory_id`,
        [accepted],
      );
      if (rows.length === accepted.length) break;
      await sleep(200);
    }
    const drainedMs = Date.now() - drainStarted;
    expect(rows.length).toBe(accepted.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(accepted.length).toBeGreaterThan(50);
    console.info(`cluster faults: ${describeGap(publishing)}; every accepted one in the inbox once, drained ${drainedMs} ms after publishing stopped`);
  }, 180_000);

  it('down stops every process it started and nothing else', async () => {
    const status = JSON.parse((await cluster('status', vars)).stdout) as { processes: { pid: number }[] };
    const down = await cluster('down', vars);
    expect(down.code).toBe(0);
    up = undefined;
    expect(status.processes.filter((p) => alive(p.pid))).toEqual([]);
    // the shared services of every other suite still answer
    expect((await query('SELECT 1 AS one'))[0].one).toBe(1);
  }, 60_000);
});
