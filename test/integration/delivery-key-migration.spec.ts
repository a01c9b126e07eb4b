import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { ALL_MIGRATIONS, createDataSource, migrate } from '@isac/persistence';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

// The move of an existing database to inbox entries keyed by (advisory, organisation), and how
// their writes are announced since.
const names = ALL_MIGRATIONS.map((m) => m.name);

describe('migration DeliveryKey1764011000000', () => {
  let env: TestEnv;
  /** undoes the migrations from the last one back to `name`, that one included */
  const undoThrough = async (dataSource: DataSource, name: string) => {
    for (let i = names.length - 1; i >= names.indexOf(name); i--) await dataSource.undoLastMigration();
  };
  beforeAll(async () => {
    env = await createTestEnv({ migrated: false });
  });
  afterAll(() => env.dispose());

  it('keeps every entry and its receipts, makes (advisory_id, org_id) the key and announces pairs', async () => {
    const dataSource = await createDataSource(env.config).initialize();
    const listener = new pg.Client({ connectionString: env.config.DATABASE_URL });
    try {
      await migrate(dataSource);
      await undoThrough(dataSource, 'DeliveryKey1764011000000');
      expect(await dataSource.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'deliveries' AND column_name = 'id'`)).toHaveLength(1);

      const [advisoryA, advisoryB, orgX, orgY] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      await dataSource.query(
        `INSERT INTO deliveries (advisory_id, org_id, read_at, acked_at, webhook_state, webhook_attempts)
         VALUES ($1, $3, '2026-01-02T03:04:05Z', NULL, 'pending', 2), ($1, $4, NULL, NULL, NULL, 0), ($2, $3, '2026-01-02T03:04:05Z', '2026-01-02T04:00:00Z', 'delivered', 1)`,
        [advisoryA, advisoryB, orgX, orgY],
      );
      const columns = `advisory_id, org_id, delivered_at, read_at, acked_at, webhook_state, webhook_attempts`;
      const before = await dataSource.query(`SELECT ${columns} FROM deliveries ORDER BY advisory_id, org_id`);

      expect(await migrate(dataSource)).toEqual(names.slice(names.indexOf('DeliveryKey1764011000000')));
      expect(await dataSource.query(`SELECT ${columns} FROM deliveries ORDER BY advisory_id, org_id`)).toEqual(before);
      expect(await dataSource.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'deliveries' AND column_name = 'id'`)).toEqual([]);
      const [key] = await dataSource.query(
        `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'deliveries'::regclass AND contype = 'p'`,
      );
      expect(key.def).toBe('PRIMARY KEY (advisory_id, org_id)');
      // still exactly one entry per advisory and organisation
      await expect(dataSource.query(`INSERT INTO deliveries (advisory_id, org_id) VALUES ($1, $2)`, [advisoryA, orgX])).rejects.toThrow(/deliveries_advisory_org/);

      await listener.connect();
      const heard: string[] = [];
      listener.on('notification', (m) => heard.push(m.payload ?? ''));
      await listener.query('LISTEN isac_delivery_events');
      await dataSource.query(`UPDATE deliveries SET read_at = now() WHERE advisory_id = $1 AND org_id = $2`, [advisoryA, orgY]);
      for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(heard.map((p) => JSON.parse(p))).toEqual([{ op: 'update', entries: [[advisoryA, orgY]] }]);

      // a fan-out of one statement is announced by advisory (DeliveryInsertsByAdvisory1764012000000):
      // one notification naming each advisory once, with the instant its entries were delivered at
      heard.length = 0;
      const orgs = Array.from({ length: 500 }, () => randomUUID());
      const advisoryC = randomUUID();
      await dataSource.query(`INSERT INTO deliveries (advisory_id, org_id) SELECT a, o FROM unnest($1::uuid[]) a, unnest($2::uuid[]) o`, [[advisoryB, advisoryC], orgs]);
      for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(heard).toHaveLength(1);
      const notice = JSON.parse(heard[0]) as { op: string; at: string; advisories: string[] };
      expect(notice.op).toBe('insert');
      expect([...notice.advisories].sort()).toEqual([advisoryB, advisoryC].sort());
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM deliveries WHERE advisory_id = ANY($1::uuid[]) AND delivered_at = $2::timestamptz(3)`, [notice.advisories, notice.at]);
      expect(n).toBe(2 * orgs.length);

      // many advisories in one statement: several notifications, each below NOTIFY's 8000-byte limit
      heard.length = 0;
      const many = Array.from({ length: 400 }, () => randomUUID());
      await dataSource.query(`INSERT INTO deliveries (advisory_id, org_id) SELECT unnest($1::uuid[]), $2`, [many, orgX]);
      const named = () => heard.flatMap((p) => (JSON.parse(p) as { advisories: string[] }).advisories);
      for (let i = 0; i < 50 && named().length < many.length; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(heard.length).toBe(3);
      expect(Math.max(...heard.map((p) => Buffer.byteLength(p)))).toBeLessThan(8000);
      expect(named().sort()).toEqual([...many].sort());

      // and back: the down migration restores the pairs
      await undoThrough(dataSource, 'DeliveryInsertsByAdvisory1764012000000');
      heard.length = 0;
      await dataSource.query(`INSERT INTO deliveries (advisory_id, org_id) VALUES ($1, $2)`, [advisoryC, orgX]);
      for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(heard.map((p) => JSON.parse(p))).toEqual([{ op: 'insert', entries: [[advisoryC, orgX]] }]);
    } finally {
      await listener.end().catch(() => undefined);
      await dataSource.destroy();
    }
  });
});
