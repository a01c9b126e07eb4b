import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Test, type TestingModule } from '@nestjs/testing';
import { InboxRetentionRepository } from '@isac/advisories';
import { AuditRetentionRepository } from '@isac/audit';
import { ConfigModule } from '@isac/config';
import { MessagingModule, QueueHostModule, QueueProducer } from '@isac/messaging';
import { addMonths, monthStart, partitionName } from '@isac/partitions';
import { PersistenceModule } from '@isac/persistence';
import { RETENTION_QUEUE, RetentionModule, RetentionProcessor, RetentionService } from '@isac/retention';
import { DataSource } from 'typeorm';
import { v4LookingLike, v7At } from '../factories/advisory-ids.js';
import { inspectQueue } from '../support/bull-queue.js';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

const DAY = 86_400_000;
const RETENTION = { RETENTION_INBOX_DAYS: '30', RETENTION_AUDIT_DAYS: '365', RETENTION_TAXII_STATUS_DAYS: '30', RETENTION_CLOSED_CASES_DAYS: '30' };

describe('the retention job (issue 20)', () => {
  let env: TestEnv;
  let module: TestingModule;
  let db: DataSource;
  const now = new Date();
  const thisMonth = monthStart(now);
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const partitionsOf = async (table: string): Promise<string[]> =>
    (await db.query(`SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = $1::regclass ORDER BY 1`, [table])).map(
      (r: { name: string }) => r.name,
    );
  const count = async (sql: string, values: unknown[] = []) => (await db.query(`SELECT count(*)::int AS n FROM ${sql}`, values))[0].n as number;

  const advisory = async (id: string, createdAt: Date, orgs: number) => {
    await db.query(
      `INSERT INTO advisories (id, kind, author_org_id, title, body, severity, tlp, audience, recipient_org_ids, created_at)
       VALUES ($1, 'advisory', $2, 't', 'b', 'low', 'TLP:GREEN', '{"kind":"all"}', '{}', $3)`,
      [id, randomUUID(), createdAt],
    );
    await db.query(`INSERT INTO deliveries (advisory_id, org_id) SELECT $1, gen_random_uuid() FROM generate_series(1, $2)`, [id, orgs]);
    return id;
  };
  const auditRow = (at: Date) =>
    db.query(
      `INSERT INTO audit_log (at, reader_org_id, item_kind, item_id, tlp, author_org_id, channel) VALUES ($1, $2, 'advisory', 'x', 'TLP:RED', $2, 'rest')`,
      [at, randomUUID()],
    );
  const taxiiStatus = async (status: 'pending' | 'complete', requested: Date) => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO taxii_status (id, collection_id, requested_by_org_id, requested_by_key_id, request_timestamp, status, successes, failures, pendings)
       VALUES ($1, $2, $2, $2, $3, $4, '[]', '[]', '[]')`,
      [id, randomUUID(), requested, status],
    );
    return id;
  };
  const incidentCase = async (openedAt: Date, closedAt: Date | null) => {
    const [{ id }] = await db.query(
      `INSERT INTO incident_cases (incident_id, incident_version, name, reporter_org_id, sector, regime, stage, tlp, recipient_org_ids, affected_sectors, aware_at, opened_at, closed_at)
       VALUES ('incident--' || gen_random_uuid(), '2025-01-01T00:00:00.000Z', 'case', $1, 'energy', 'nis2', 'final', 'TLP:AMBER', '{}', '{energy}', $2, $2, $3) RETURNING id`,
      [randomUUID(), openedAt, closedAt],
    );
    await db.query(`INSERT INTO incident_timeline (case_id, kind, stage, at) VALUES ($1, 'report', 'early-warning', $2)`, [id, openedAt]);
    await db.query(
      `INSERT INTO incident_messages (case_id, author_org_id, kind, tlp, body, recipient_org_ids) VALUES ($1, $2, 'note', 'TLP:AMBER', 'm', '{}')`,
      [id, randomUUID()],
    );
    await db.query(`INSERT INTO incident_case_keys (case_id, key_hash, basis, value) VALUES ($1, md5($2), 'observable', 'v')`, [id, id]);
    return id as string;
  };
  const caseRows = (id: string) =>
    count(
      `(SELECT case_id FROM incident_timeline UNION ALL SELECT case_id FROM incident_messages UNION ALL SELECT case_id FROM incident_case_keys
        UNION ALL SELECT case_a_id FROM incident_case_links UNION ALL SELECT case_b_id FROM incident_case_links UNION ALL SELECT id FROM incident_cases) AS r WHERE case_id = $1`,
      [id],
    );

  beforeAll(async () => {
    env = await createTestEnv({ env: RETENTION });
    module = await Test.createTestingModule({ imports: [ConfigModule.forRoot(env.config), PersistenceModule.forRoot(), RetentionModule] }).compile();
    await module.init();
    db = module.get(DataSource);
  });
  afterAll(async () => {
    await module?.close();
    await env.dispose();
  });

  it('drops whole months past retention, deletes expired statuses and closed cases, and leaves the rest', async () => {
    // inbox: a month wholly past 30 days, a month holding a newer advisory of another version, this month, the default partition
    const [dropMonth, guardedMonth] = [addMonths(thisMonth, -3), addMonths(thisMonth, -4)];
    await module.get(InboxRetentionRepository).createMonths([dropMonth, guardedMonth]);
    const expired = await advisory(v7At(new Date(dropMonth.getTime() + DAY)), new Date(dropMonth.getTime() + DAY), 3);
    const expiredBeside = await advisory(v7At(new Date(guardedMonth.getTime() + DAY)), new Date(guardedMonth.getTime() + DAY), 2);
    // a v4 whose random first bits fall in that month, published yesterday: its month is not dropped under it
    const newerV4 = await advisory(v4LookingLike(new Date(guardedMonth.getTime() + 2 * DAY)), ago(1), 2);
    const current = await advisory(v7At(now), now, 2);
    const [legacyOld, legacyNew] = [
      await advisory(`0f1c2e3d-4b5a-4c6d-8e7f-${randomUUID().slice(24)}`, ago(60), 2),
      await advisory(`0f1c2e3d-4b5b-4c6d-8e7f-${randomUUID().slice(24)}`, ago(2), 2),
    ];
    expect((await db.query(`SELECT DISTINCT tableoid::regclass::text AS p FROM deliveries WHERE advisory_id = $1`, [legacyOld]))[0].p).toBe(
      'deliveries_default',
    );

    // audit log: a month wholly past 365 days, one within, and a row in the default partition
    const [auditDropMonth, auditKeptMonth] = [addMonths(thisMonth, -14), addMonths(thisMonth, -11)];
    await module.get(AuditRetentionRepository).createMonths([auditDropMonth, auditKeptMonth]);
    await auditRow(new Date(auditDropMonth.getTime() + DAY));
    await auditRow(new Date(auditKeptMonth.getTime() + DAY));
    await auditRow(new Date('2019-01-01T00:00:00Z'));

    const statuses = {
      oldDone: await taxiiStatus('complete', ago(40)),
      oldPending: await taxiiStatus('pending', ago(40)),
      newDone: await taxiiStatus('complete', ago(1)),
    };
    const cases = {
      closedOld: await incidentCase(ago(400), ago(40)),
      closedNew: await incidentCase(ago(400), ago(1)),
      openOld: await incidentCase(ago(800), null),
    };
    await db.query(`INSERT INTO incident_case_links (case_a_id, case_b_id) VALUES ($1, $2)`, [cases.closedOld, cases.openOld]);

    // another run holds the lock: this one does nothing
    const holder = new pg.Client({ connectionString: env.config.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(${0x52455445}, 1)`);
      expect(await module.get(RetentionService).run()).toMatchObject({ ran: false, inbox: null });
      expect(await partitionsOf('deliveries')).toContain(partitionName('deliveries', dropMonth));
    } finally {
      await holder.end();
    }

    // two runs at once: each step done once
    const runs = await Promise.all([module.get(RetentionService).run(), module.get(RetentionService).run()]);
    expect(runs.some((r) => r.ran)).toBe(true);
    const dropped = runs.flatMap((r) => [...(r.inbox?.dropped ?? []), ...(r.audit?.dropped ?? [])].map((d) => d.partition)).sort();
    expect(dropped).toEqual([partitionName('audit_log', auditDropMonth), partitionName('deliveries', dropMonth)]);
    expect(runs.reduce((n, r) => n + (r.inbox?.deletedEntries ?? 0), 0)).toBe(2 + 2);

    const inboxPartitions = await partitionsOf('deliveries');
    expect(inboxPartitions).not.toContain(partitionName('deliveries', dropMonth));
    expect(inboxPartitions).toEqual(
      expect.arrayContaining([partitionName('deliveries', guardedMonth), partitionName('deliveries', thisMonth), 'deliveries_default']),
    );
    const left = async (id: string) => count(`deliveries WHERE advisory_id = $1`, [id]);
    expect([await left(expired), await left(expiredBeside), await left(newerV4), await left(current), await left(legacyOld), await left(legacyNew)]).toEqual([
      0, 0, 2, 2, 0, 2,
    ]);
    // the advisories themselves stay: retention here is the inbox's
    expect(await count(`advisories WHERE id = ANY($1::uuid[])`, [[expired, legacyOld]])).toBe(2);

    const auditPartitions = await partitionsOf('audit_log');
    expect(auditPartitions).not.toContain(partitionName('audit_log', auditDropMonth));
    expect(auditPartitions).toEqual(expect.arrayContaining([partitionName('audit_log', auditKeptMonth), 'audit_log_default']));
    expect(await count(`audit_log WHERE at < $1`, [auditKeptMonth])).toBe(1); // the default partition's 2019 row: only whole months go

    expect(await count(`taxii_status WHERE id = ANY($1::uuid[])`, [[statuses.oldDone]])).toBe(0);
    expect(await count(`taxii_status WHERE id = ANY($1::uuid[])`, [[statuses.oldPending, statuses.newDone]])).toBe(2);

    expect(await caseRows(cases.closedOld)).toBe(0);
    expect(await caseRows(cases.closedNew)).toBe(4);
    // the open case keeps everything of its own, though opened long ago; only its link to the expired case went
    expect(await caseRows(cases.openOld)).toBe(4);
    expect(runs.flatMap((r) => r.closedCasesDeleted ?? [])).toEqual([cases.closedOld]);

    // the months ahead exist, whatever the runs found
    for (let ahead = 0; ahead <= 3; ahead++) expect(inboxPartitions).toContain(partitionName('deliveries', addMonths(thisMonth, ahead)));
  });

  it('is a daily job of the worker, scheduled at boot through the typed producer', async () => {
    const worker = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(env.config),
        PersistenceModule.forRoot(),
        MessagingModule.forRoot(),
        QueueHostModule.forRoot({ handlers: [RetentionProcessor], imports: [RetentionModule] }),
      ],
    }).compile();
    await worker.init();
    try {
      const scheduler = await inspectQueue(env.config, RETENTION_QUEUE, (queue) => queue.getJobScheduler('retention'));
      expect(scheduler).toEqual(expect.objectContaining({ key: 'retention', name: 'run', pattern: '17 3 * * *' }));
      const month = addMonths(thisMonth, -6);
      await worker.get(InboxRetentionRepository).createMonths([month]);
      await worker.get(QueueProducer).add(RETENTION_QUEUE, 'run', {});
      for (let i = 0; i < 200 && (await partitionsOf('deliveries')).includes(partitionName('deliveries', month)); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(await partitionsOf('deliveries')).not.toContain(partitionName('deliveries', month));
    } finally {
      await worker.close();
    }
  });
});
