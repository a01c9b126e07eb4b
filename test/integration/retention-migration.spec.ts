import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ALL_MIGRATIONS, createDataSource, migrate } from '@isac/persistence';
import { v7At } from '../factories/advisory-ids.js';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

// The move of an existing database to the partitioned inbox and audit log (issue 20), and back.
const names = ALL_MIGRATIONS.map((m) => m.name);
const FIRST = 'AdvisoryIdsV71764041000000';

describe('migrations PartitionedInbox1764041010000 and PartitionedAuditLog1764041020000', () => {
  let env: TestEnv;
  const undoThrough = async (dataSource: DataSource, name: string) => {
    for (let i = names.length - 1; i >= names.indexOf(name); i--) await dataSource.undoLastMigration();
  };
  const partitionOf = async (dataSource: DataSource, table: string, where: string, values: unknown[]) =>
    (await dataSource.query(`SELECT DISTINCT tableoid::regclass::text AS p FROM ${table} WHERE ${where}`, values)).map((r: { p: string }) => r.p);
  beforeAll(async () => {
    env = await createTestEnv({ migrated: false });
  });
  afterAll(() => env.dispose());

  it('keep every inbox entry and audit row, file them by month, carry the audit ids on, and go back whole', async () => {
    const dataSource = await createDataSource(env.config).initialize();
    try {
      await migrate(dataSource);
      await undoThrough(dataSource, FIRST);
      const [v4, v7] = [randomUUID(), v7At(new Date('2025-10-15T08:00:00Z'))];
      const [orgA, orgB] = [randomUUID(), randomUUID()];
      await dataSource.query(
        `INSERT INTO deliveries (advisory_id, org_id, read_at, acked_at, webhook_state, webhook_attempts)
         VALUES ($1, $3, '2025-10-16T00:00:00Z', NULL, 'pending', 2), ($1, $4, NULL, NULL, NULL, 0), ($2, $3, NULL, '2025-01-02T00:00:00Z', 'delivered', 1)`,
        [v7, v4, orgA, orgB],
      );
      await dataSource.query(
        `INSERT INTO audit_log (at, reader_org_id, item_kind, item_id, tlp, author_org_id, channel)
         SELECT timestamptz '2025-08-10T00:00:00Z' + (n || ' days')::interval, $1, 'advisory', 'item-' || n, 'TLP:AMBER', $1, 'rest' FROM generate_series(0, 60, 20) AS n`,
        [orgA],
      );
      const entries = `SELECT advisory_id, org_id, delivered_at, read_at, acked_at, webhook_state, webhook_attempts FROM deliveries ORDER BY advisory_id, org_id`;
      const reads = `SELECT id, at, item_id FROM audit_log ORDER BY id`;
      const [entriesBefore, readsBefore] = [await dataSource.query(entries), await dataSource.query(reads)];

      expect(await migrate(dataSource)).toEqual(names.slice(names.indexOf(FIRST)));
      expect(await dataSource.query(entries)).toEqual(entriesBefore);
      expect(await dataSource.query(reads)).toEqual(readsBefore);
      expect(await partitionOf(dataSource, 'deliveries', 'advisory_id = $1', [v7])).toEqual(['deliveries_y2025m10']);
      // a v4's first bits are random: it lands in the default partition unless they happen to name a month made
      expect((await partitionOf(dataSource, 'deliveries', 'advisory_id = $1', [v4]))[0]).toMatch(/^deliveries_(default|y\d{4}m\d{2})$/);
      expect((await partitionOf(dataSource, 'audit_log', 'true', [])).sort()).toEqual(['audit_log_y2025m08', 'audit_log_y2025m09', 'audit_log_y2025m10']);
      const [next] = await dataSource.query(
        `INSERT INTO audit_log (reader_org_id, item_kind, item_id, tlp, author_org_id, channel) VALUES ($1, 'advisory', 'after', 'TLP:RED', $1, 'rest') RETURNING id`,
        [orgA],
      );
      expect(Number(next.id)).toBe(Number(readsBefore.at(-1).id) + 1);
      const [{ kind }] = await dataSource.query(`SELECT relkind AS kind FROM pg_class WHERE relname = 'deliveries'`);
      expect(kind).toBe('p');

      await undoThrough(dataSource, 'PartitionedInbox1764041010000');
      expect(await dataSource.query(entries)).toEqual(entriesBefore);
      expect((await dataSource.query(reads)).map((r: { item_id: string }) => r.item_id)).toEqual([
        ...readsBefore.map((r: { item_id: string }) => r.item_id),
        'after',
      ]);
      const kinds = await dataSource.query(`SELECT relname, relkind FROM pg_class WHERE relname IN ('deliveries', 'audit_log') ORDER BY 1`);
      expect(kinds).toEqual([
        { relname: 'audit_log', relkind: 'r' },
        { relname: 'deliveries', relkind: 'r' },
      ]);
      await expect(dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow('audit_log is append-only');
    } finally {
      await dataSource.destroy();
    }
  });
});
