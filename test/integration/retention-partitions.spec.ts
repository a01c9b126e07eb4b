import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { InboxRetentionRepository } from '@isac/advisories';
import { AuditRetentionRepository } from '@isac/audit';
import { ConfigModule } from '@isac/config';
import { addMonths, monthStart, partitionName, uuidV7Time } from '@isac/partitions';
import { PersistenceModule } from '@isac/persistence';
import { RetentionModule } from '@isac/retention';
import { DataSource } from 'typeorm';
import { v4LookingLike, v7At } from '../factories/advisory-ids.js';
import { built, runToEnd } from '../support/processes.js';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

describe('the partitioned inbox and audit log (issue 20)', () => {
  let env: TestEnv;
  let module: TestingModule;
  let db: DataSource;
  const thisMonth = monthStart(new Date());
  const where = async (table: string, condition: string, values: unknown[]) =>
    (await db.query(`SELECT tableoid::regclass::text AS partition FROM ${table} WHERE ${condition}`, values)).map((r: { partition: string }) => r.partition);

  beforeAll(async () => {
    env = await createTestEnv();
    module = await Test.createTestingModule({ imports: [ConfigModule.forRoot(env.config), PersistenceModule.forRoot(), RetentionModule] }).compile();
    await module.init();
    db = module.get(DataSource);
  });
  afterAll(async () => {
    await module.close();
    await env.dispose();
  });

  it('are migrated with a partition for this month and the next three, and a default one', async () => {
    for (const table of ['deliveries', 'audit_log']) {
      const partitions: string[] = (
        await db.query(`SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = $1::regclass ORDER BY 1`, [table])
      ).map((r: { name: string }) => r.name);
      for (let ahead = 0; ahead <= 3; ahead++) expect(partitions).toContain(partitionName(table, addMonths(thisMonth, ahead)));
      expect(partitions).toContain(`${table}_default`);
    }
  });

  it('give every advisory a UUIDv7, also one inserted by SQL without an id, and file its entries under its month', async () => {
    const [{ id }] = await db.query(
      `INSERT INTO advisories (kind, author_org_id, title, body, severity, tlp, audience, recipient_org_ids) VALUES ('advisory', $1, 't', 'b', 'low', 'TLP:GREEN', '{"kind":"all"}', '{}') RETURNING id`,
      [randomUUID()],
    );
    expect(uuidV7Time(id)!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    await db.query(`INSERT INTO deliveries (advisory_id, org_id) VALUES ($1, $2)`, [id, randomUUID()]);
    expect(await where('deliveries', 'advisory_id = $1', [id])).toEqual([partitionName('deliveries', thisMonth)]);
  });

  it('file an id of a month without a partition in the default one, and move it to its month when the month is made', async () => {
    const month = new Date(Date.UTC(2024, 2, 1));
    const old = v7At(new Date(Date.UTC(2024, 2, 15, 12)));
    const lastMillisecond = v7At(new Date(addMonths(month, 1).getTime() - 1));
    const org = randomUUID();
    await db.query(`INSERT INTO deliveries (advisory_id, org_id, read_at) VALUES ($1, $3, '2024-03-16T00:00:00Z'), ($2, $3, NULL)`, [
      old,
      lastMillisecond,
      org,
    ]);
    expect(await where('deliveries', 'org_id = $1', [org])).toEqual(['deliveries_default', 'deliveries_default']);

    expect(await module.get(InboxRetentionRepository).createMonths([month, thisMonth])).toEqual([{ partition: 'deliveries_y2024m03', moved: 2 }]);
    expect(await where('deliveries', 'org_id = $1', [org])).toEqual(['deliveries_y2024m03', 'deliveries_y2024m03']);
    const [moved] = await db.query(`SELECT read_at FROM deliveries WHERE advisory_id = $1`, [old]);
    expect(moved.read_at.toISOString()).toBe('2024-03-16T00:00:00.000Z');
    // the next month's first id is not this month's
    const next = v7At(addMonths(month, 1));
    await db.query(`INSERT INTO deliveries (advisory_id, org_id) VALUES ($1, $2)`, [next, org]);
    expect(await where('deliveries', 'advisory_id = $1', [next])).toEqual(['deliveries_default']);
  });

  it('file a UUIDv4 by its random first bits: the default partition mostly, a month when they name one', async () => {
    // 0x0f1c2e3d4b5a ms is in the year 2496: no partition holds it
    const [v4, unlucky] = ['0f1c2e3d-4b5a-4c6d-8e7f-8091a2b3c4d5', v4LookingLike(new Date(thisMonth.getTime() + 3_600_000))];
    await db.query(`INSERT INTO deliveries (advisory_id, org_id) VALUES ($1, $3), ($2, $3)`, [v4, unlucky, randomUUID()]);
    expect(await where('deliveries', 'advisory_id = $1', [v4])).toEqual(['deliveries_default']);
    expect(await where('deliveries', 'advisory_id = $1', [unlucky])).toEqual([partitionName('deliveries', thisMonth)]);
  });

  it('still refuse a second entry of an advisory for an organisation, naming the key', async () => {
    const [advisory, org] = [v7At(new Date()), randomUUID()];
    await db.query(`INSERT INTO deliveries (advisory_id, org_id) VALUES ($1, $2)`, [advisory, org]);
    await expect(db.query(`INSERT INTO deliveries (advisory_id, org_id) VALUES ($1, $2)`, [advisory, org])).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23505', constraint: `deliveries_advisory_org_${partitionName('', thisMonth).slice(1)}` }),
    });
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM deliveries WHERE advisory_id = $1`, [advisory]);
    expect(count).toBe(1);
    // ON CONFLICT on the key, as routing writes, still finds it across the partitioned table
    expect(
      await db.query(`INSERT INTO deliveries (advisory_id, org_id) VALUES ($1, $2) ON CONFLICT (advisory_id, org_id) DO NOTHING RETURNING 1`, [advisory, org]),
    ).toEqual([]);
  });

  it('file audit rows by month of `at`, move a month out of the default partition, and stay append-only on every partition', async () => {
    const insert = (at: string) =>
      db.query(
        `INSERT INTO audit_log (at, reader_org_id, item_kind, item_id, tlp, author_org_id, channel) VALUES ($1, $2, 'advisory', $3, 'TLP:AMBER', $2, 'rest') RETURNING id`,
        [at, randomUUID(), randomUUID()],
      );
    const [now] = await insert(new Date().toISOString());
    const [old] = await insert('2023-05-20T10:00:00Z');
    expect(await where('audit_log', 'id = $1', [now.id])).toEqual([partitionName('audit_log', thisMonth)]);
    expect(await where('audit_log', 'id = $1', [old.id])).toEqual(['audit_log_default']);

    const audit = module.get(AuditRetentionRepository);
    expect(await audit.createMonths([new Date('2023-05-01T00:00:00Z')])).toEqual([{ partition: 'audit_log_y2023m05', moved: 1 }]);
    expect(await where('audit_log', 'id = $1', [old.id])).toEqual(['audit_log_y2023m05']);

    for (const statement of [
      `DELETE FROM audit_log WHERE id = ${old.id}`,
      `UPDATE audit_log SET tlp = 'TLP:CLEAR' WHERE id = ${old.id}`,
      `TRUNCATE audit_log`,
      `DELETE FROM audit_log_y2023m05`,
      `UPDATE ${partitionName('audit_log', thisMonth)} SET tlp = 'TLP:CLEAR'`,
      `TRUNCATE ${partitionName('audit_log', addMonths(thisMonth, 3))}`,
      `DELETE FROM audit_log_default`,
    ]) {
      await expect(db.query(statement)).rejects.toThrow('audit_log is append-only');
    }
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM audit_log WHERE id = ANY($1::bigint[])`, [[now.id, old.id]]);
    expect(count).toBe(2);
  });

  it('refuse to boot a worker with an audit retention below its floor, naming the variable', async () => {
    const result = await runToEnd(built('worker'), [], {
      DATABASE_URL: env.config.DATABASE_URL,
      REDIS_URL: env.config.REDIS_URL,
      REDIS_PREFIX: env.config.REDIS_PREFIX,
      RETENTION_AUDIT_MIN_DAYS: '400',
      RETENTION_AUDIT_DAYS: '365',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'isac-hub worker cannot start: invalid configuration: RETENTION_AUDIT_DAYS=365 is below RETENTION_AUDIT_MIN_DAYS (400): the audit log is kept at least that long; set 0 (keep forever) or at least 400 days',
    );
  });
});
