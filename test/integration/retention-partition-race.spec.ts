// A month's partition made while the inbox is being written: an entry of that month inserted between
// the look at the default partition and the ATTACH lands in the default partition (the month is not
// attached yet). PostgreSQL then refuses the ATTACH, and the retention run failed as a whole (the
// expiries after it never ran), each day again while entries of that month keep coming.
import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { INBOX_PARTITIONING } from '@isac/advisories';
import { ConfigModule } from '@isac/config';
import { createMonthPartition, type Queryable } from '@isac/partitions';
import { PersistenceModule } from '@isac/persistence';
import { DataSource } from 'typeorm';
import { v7At } from '../factories/advisory-ids.js';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

describe('making a month of the inbox while entries of that month are written', () => {
  let env: TestEnv;
  let module: TestingModule;
  let db: DataSource;

  beforeAll(async () => {
    env = await createTestEnv();
    module = await Test.createTestingModule({ imports: [ConfigModule.forRoot(env.config), PersistenceModule.forRoot()] }).compile();
    await module.init();
    db = module.get(DataSource);
  });
  afterAll(async () => {
    await module.close();
    await env.dispose();
  });

  it('makes the month, and an entry written meanwhile is either in it or refused to its writer (who tries again), never left behind', async () => {
    const month = new Date(Date.UTC(2024, 5, 1));
    const [waiting, racing, org] = [v7At(new Date(Date.UTC(2024, 5, 10))), v7At(new Date(Date.UTC(2024, 5, 20))), randomUUID()];
    await db.query(`INSERT INTO deliveries (advisory_id, org_id) VALUES ($1, $2)`, [waiting, org]);

    let writer: Promise<'written' | 'refused'> | undefined;
    let writerPid: number | undefined;
    const made = await db.transaction((manager) => {
      const racingDb: Queryable = {
        async query(sql: string, parameters?: unknown[]) {
          if (sql.includes('ATTACH PARTITION') && !writer) {
            // another worker routes an advisory of that month just now, on a connection of its own
            const runner = db.createQueryRunner();
            await runner.connect();
            [{ pid: writerPid }] = await runner.query(`SELECT pg_backend_pid() AS pid`);
            let done = false;
            writer = runner
              .query(`INSERT INTO deliveries (advisory_id, org_id) VALUES ($1, $2)`, [racing, org])
              .then(
                () => 'written' as const,
                () => 'refused' as const,
              )
              .finally(() => {
                done = true;
                return runner.release();
              });
            // until the insert has committed, or waits on a lock this transaction holds
            for (let i = 0; !done && i < 500; i++) {
              const [activity] = await db.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [writerPid]);
              if (activity?.wait_event_type === 'Lock') break;
              await new Promise((resolve) => setTimeout(resolve, 10));
            }
          }
          return manager.query(sql, parameters);
        },
      };
      return createMonthPartition(racingDb, INBOX_PARTITIONING, month);
    });

    expect(made).toEqual({ created: true, moved: 1 });
    const outcome = await writer;
    const where = async (id: string) =>
      (await db.query(`SELECT tableoid::regclass::text AS partition FROM deliveries WHERE advisory_id = $1`, [id])).map(
        (r: { partition: string }) => r.partition,
      );
    expect(await where(waiting)).toEqual(['deliveries_y2024m06']);
    expect(await where(racing)).toEqual(outcome === 'written' ? ['deliveries_y2024m06'] : []);
    // a refused writer (a route job) tries again: its entry now goes to the month
    if (outcome === 'refused') await db.query(`INSERT INTO deliveries (advisory_id, org_id) VALUES ($1, $2)`, [racing, org]);
    expect(await where(racing)).toEqual(['deliveries_y2024m06']);
  });
});
