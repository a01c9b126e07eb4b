// DESIGN §5.5: unacknowledged alerts are escalated after their deadline — while they are live. The
// escalation step is called directly (the worker is stopped once the alerts are routed), so no
// reconcile loop races the assertions; the deadlines are moved into the past as time would.
import type { EntitySubscriberInterface } from 'typeorm';
import { AdvisoriesService, AdvisoryRepository, DeliveryRepository, EscalationService } from '@isac/advisories';
import { NetworkDirectory } from '@isac/organisations';
import { UnitOfWork } from '@isac/unit-of-work';
import { bearer } from '../factories/bearer.js';
import { alertRequest } from '../factories/advisories.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Rows each table's scans read in an EXPLAIN ANALYZE plan: those returned and those filtered out. */
function rowsRead(node: PlanNode, into = new Map<string, number>()): Map<string, number> {
  if (node['Relation Name']) {
    const loops = node['Actual Loops'] ?? 1;
    const read = ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * loops;
    // a monthly or default partition (deliveries_y2026m12, deliveries_default) counts as its table
    const relation = node['Relation Name'].replace(/_(y\d{4}m\d{2}|default)$/, '');
    into.set(relation, (into.get(relation) ?? 0) + read);
  }
  for (const child of node.Plans ?? []) rowsRead(child, into);
  return into;
}

describe('escalation of unacknowledged alerts', () => {
  let hub: AdvisoryHub;
  let centre: string;
  let health: string;

  const escalation = () => new EscalationService(new DeliveryRepository(hub.db), new AdvisoryRepository(hub.db), hub.app.get(AdvisoriesService), hub.app.get(NetworkDirectory), hub.app.get(UnitOfWork));
  const escalated = async (alertId: string) =>
    (await hub.db.query(`SELECT o.slug FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE d.advisory_id = $1 AND d.escalated_at IS NOT NULL ORDER BY 1`, [alertId])).map((r: { slug: string }) => r.slug);
  const reminders = async (title: string) =>
    (await hub.db.query(`SELECT recipient_org_ids FROM advisories WHERE title = $1`, [`Reminder: acknowledge "${title}"`])) as { recipient_org_ids: string[] }[];
  const orgId = async (slug: string) => (await hub.db.query(`SELECT id FROM organisations WHERE slug = $1`, [slug]))[0].id as string;

  /** Every statement TypeORM sends while `work` runs, seen by a subscriber of the real data source. */
  async function recorded<T>(work: () => Promise<T>): Promise<{ result: T; statements: { sql: string; params: unknown[] }[] }> {
    const statements: { sql: string; params: unknown[] }[] = [];
    const subscriber: EntitySubscriberInterface = { beforeQuery: (e) => void statements.push({ sql: e.query, params: (e.parameters ?? []) as unknown[] }) };
    hub.db.subscribers.push(subscriber);
    try {
      return { result: await work(), statements };
    } finally {
      hub.db.subscribers.splice(hub.db.subscribers.indexOf(subscriber), 1);
    }
  }

  async function routedAlert(title: string): Promise<string> {
    const res = await hub.http.post('/api/v1/alerts').set(bearer(centre)).send(alertRequest({ title, audience: { organisations: ['health', 'energy'] } })).expect(201);
    await hub.until(`${title} routed`, async () => (await hub.inboxCount(res.body.id)).size === 2);
    return res.body.id;
  }

  beforeAll(async () => {
    hub = await startAdvisoryHub();
    centre = await hub.key('centre', ['analyst']);
    health = await hub.key('health', ['analyst']);
  }, 60_000);
  afterAll(() => hub?.close());

  it('escalates a live overdue alert exactly once, and an expired one not at all', async () => {
    const expired = await routedAlert('Expired wiper alert');
    const live = await routedAlert('Live wiper alert');
    await hub.http.post(`/api/v1/inbox/${live}/ack`).set(bearer(health)).expect(200);
    await hub.stopWorker();
    // time passes: the first alert's deadline and expiry are behind us, the second's deadline only
    await hub.db.query(`UPDATE advisories SET ack_deadline = now() - interval '2 hours', expires_at = now() - interval '1 hour' WHERE id = $1`, [expired]);
    await hub.db.query(`UPDATE advisories SET ack_deadline = now() - interval '1 minute' WHERE id = $1`, [live]);

    expect(await escalation().escalateOverdue()).toBe(1);
    expect(await escalated(live)).toEqual(['energy']);
    expect(await escalated(expired)).toEqual([]);
    expect(await reminders('Live wiper alert')).toEqual([{ recipient_org_ids: [await orgId('energy')] }]);
    expect(await reminders('Expired wiper alert')).toEqual([]);

    // again, and two workers at once: nothing more
    expect(await Promise.all([escalation().escalateOverdue(), escalation().escalateOverdue(), escalation().escalateOverdue()])).toEqual([0, 0, 0]);
    expect(await escalated(live)).toEqual(['energy']);
    expect(await reminders('Live wiper alert')).toHaveLength(1);
  });

  it('reads the entries of live overdue alerts only, not of every alert ever issued', async () => {
    const live = await hub.db.query(`SELECT id FROM advisories WHERE title = 'Live wiper alert'`).then((r) => r[0].id as string);
    const [{ centre: centreId }] = await hub.db.query(`SELECT id AS centre FROM organisations WHERE slug = 'centre'`);
    // 2,000 past alerts, expired long ago, each with an unacknowledged entry in every inbox but the centre's
    await hub.db.query(
      `WITH past AS (
         INSERT INTO advisories (kind, author_org_id, title, body, severity, tlp, audience, recipient_org_ids, requires_ack, ack_deadline, expires_at, routed_at, created_at)
         SELECT 'alert', $1, 'past alert ' || i, 'Patch.', 'critical', 'TLP:GREEN', '{"all":true}', '{}', true,
                now() - make_interval(days => 400 - i / 10) , now() - make_interval(days => 399 - i / 10), now() - make_interval(days => 400 - i / 10), now() - make_interval(days => 400 - i / 10)
           FROM generate_series(1, 2000) AS i RETURNING id)
       INSERT INTO deliveries (advisory_id, org_id) SELECT past.id, o.id FROM past CROSS JOIN organisations o WHERE o.id <> $1`,
      [centreId],
    );
    // and one more live overdue entry to escalate: a new member's, of the live alert
    const [{ count: pastEntries }] = await hub.db.query(`SELECT count(*)::int FROM deliveries d JOIN advisories a ON a.id = d.advisory_id WHERE a.title LIKE 'past alert %'`);
    expect(pastEntries).toBeGreaterThan(20_000);
    await hub.db.query(`INSERT INTO deliveries (advisory_id, org_id) VALUES ($1, $2)`, [live, await orgId('litware')]);
    await hub.db.query(`ANALYZE advisories; ANALYZE deliveries`);

    // the repository's own statement, recorded on its way to PostgreSQL and explained in a transaction that is rolled back
    const { result, statements } = await recorded(() => escalation().escalateOverdue());
    expect(result).toBe(1);
    expect(await escalated(live)).toEqual(['energy', 'litware']);
    const overdueAlerts = statements.find((s) => /EXISTS \(SELECT 1 FROM deliveries/.test(s.sql))!;
    const escalate = statements.find((s) => /escalated_at = now\(\)/.test(s.sql))!;
    await hub.db.query(`UPDATE deliveries SET escalated_at = NULL WHERE advisory_id = $1 AND org_id = $2`, [live, await orgId('litware')]);

    for (const statement of [overdueAlerts, escalate]) {
      const runner = hub.db.createQueryRunner();
      try {
        await runner.startTransaction();
        const [{ 'QUERY PLAN': [plan] }] = await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.sql}`, statement.params);
        await runner.rollbackTransaction();
        const read = rowsRead(plan.Plan);
        // the live alert's entries (energy, health, litware), each at most twice (the lock, then the update), and the live alert itself
        expect(read.get('deliveries')).toBeLessThanOrEqual(6);
        expect(read.get('advisories') ?? 0).toBeLessThanOrEqual(2);
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    }
  }, 60_000);

  /** Alerts to health and energy, routed by the worker, then past their deadline with the worker stopped again. */
  async function overdueAlerts(...titles: string[]): Promise<string[]> {
    await hub.startWorker();
    const ids: string[] = [];
    for (const title of titles) ids.push(await routedAlert(title));
    await hub.stopWorker();
    await hub.db.query(`UPDATE advisories SET ack_deadline = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`, [ids]);
    return ids;
  }
  const receipts = async (alertId: string) =>
    ((await hub.http.get(`/api/v1/advisories/${alertId}`).set(bearer(centre)).expect(200)).body.receipts as { organisation: { slug: string }; acknowledgedAt: string | null; escalatedAt: string | null }[])
      .map((r) => [r.organisation.slug, r.acknowledgedAt === null ? 'unacknowledged' : 'acknowledged', r.escalatedAt === null ? 'not escalated' : 'escalated'])
      .sort();

  it('marks the entries escalated only with their reminder written: a reminder that fails leaves them for the next run, which reminds them once', async () => {
    const [alert] = await overdueAlerts('Outbox fault alert');
    // the reminder's publication fails after its entries were taken and marked: the outbox refuses every row
    await hub.db.query(`CREATE FUNCTION test_refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox refused by the test'; END $$`);
    await hub.db.query(`CREATE TRIGGER test_refuse_outbox BEFORE INSERT ON advisory_outbox FOR EACH ROW EXECUTE FUNCTION test_refuse_outbox()`);
    try {
      const { result, statements } = await recorded(() => escalation().escalateOverdue());
      expect(result).toBe(0);
      expect(statements.filter((s) => /escalated_at = now\(\)/.test(s.sql)).map((s) => s.params[0])).toEqual([alert]);
    } finally {
      await hub.db.query(`DROP TRIGGER test_refuse_outbox ON advisory_outbox; DROP FUNCTION test_refuse_outbox()`);
    }
    expect(await escalated(alert)).toEqual([]);
    expect(await reminders('Outbox fault alert')).toEqual([]);
    expect(await receipts(alert)).toEqual([['energy', 'unacknowledged', 'not escalated'], ['health', 'unacknowledged', 'not escalated']]);

    // the next runs, two workers at once: one of them owns the alert, both entries escalated once, in
    // one reminder with its outbox row
    const runs = await Promise.all([escalation().escalateOverdue(), escalation().escalateOverdue()]);
    expect([...runs].sort()).toEqual([0, 2]);
    expect(await escalated(alert)).toEqual(['energy', 'health']);
    const sent: { id: string; recipient_org_ids: string[] }[] = await hub.db.query(`SELECT id, recipient_org_ids FROM advisories WHERE title = $1`, ['Reminder: acknowledge "Outbox fault alert"']);
    expect(sent).toHaveLength(1);
    expect(sent.flatMap((r) => [...r.recipient_org_ids]).sort()).toEqual([await orgId('energy'), await orgId('health')].sort());
    expect(await hub.db.query(`SELECT count(*)::int AS n FROM advisory_outbox WHERE advisory_id = ANY($1::uuid[])`, [sent.map((r) => r.id)])).toEqual([{ n: sent.length }]);
    expect(await receipts(alert)).toEqual([['energy', 'unacknowledged', 'escalated'], ['health', 'unacknowledged', 'escalated']]);
    expect(await escalation().escalateOverdue()).toBe(0);
    expect(await reminders('Outbox fault alert')).toHaveLength(sent.length);
  }, 60_000);

  it('reminds exactly the unacknowledged routed recipients, a member added seconds ago too, and one failing alert holds up no other', async () => {
    const [held, other] = await overdueAlerts('Held alert', 'Other alert');
    await hub.http.post(`/api/v1/inbox/${other}/ack`).set(bearer(health)).expect(200);
    // a forwarded entry was not addressed by the centre: never escalated
    await hub.http.post(`/api/v1/advisories/${other}/forward`).set(bearer(health)).send({ organisations: ['transport'] }).expect(200);
    // a member this process's network snapshot does not know yet, with its entry of the other alert
    const directory = hub.app.get(NetworkDirectory);
    directory.invalidate();
    await directory.network();
    const [{ id: newcomer }] = await hub.db.query(
      `INSERT INTO organisations (slug, name, kind, sector, parent_id, stix_identity_id)
       VALUES ('late-grid', 'Late Grid', 'member', 'energy', (SELECT id FROM organisations WHERE slug = 'energy'), 'identity--' || gen_random_uuid()) RETURNING id`,
    );
    await hub.db.query(`INSERT INTO deliveries (advisory_id, org_id) VALUES ($1, $2)`, [other, newcomer]);
    // the held alert's reminder cannot be written
    await hub.db.query(`CREATE FUNCTION test_refuse_held() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'held by the test'; END $$`);
    await hub.db.query(`CREATE TRIGGER test_refuse_held BEFORE INSERT ON advisories FOR EACH ROW WHEN (NEW.title = 'Reminder: acknowledge "Held alert"') EXECUTE FUNCTION test_refuse_held()`);
    try {
      expect(await escalation().escalateOverdue()).toBe(2);
    } finally {
      await hub.db.query(`DROP TRIGGER test_refuse_held ON advisories; DROP FUNCTION test_refuse_held()`);
    }
    expect(await escalated(held)).toEqual([]);
    expect(await escalated(other)).toEqual(['energy', 'late-grid']);
    const [reminder] = await reminders('Other alert');
    expect([...reminder.recipient_org_ids].sort()).toEqual([await orgId('energy'), newcomer].sort());
    expect(await receipts(other)).toEqual([
      ['energy', 'unacknowledged', 'escalated'],
      ['health', 'acknowledged', 'not escalated'],
      ['late-grid', 'unacknowledged', 'escalated'],
      ['transport', 'unacknowledged', 'not escalated'],
    ]);
    expect(await escalation().escalateOverdue()).toBe(2);
    expect(await escalated(held)).toEqual(['energy', 'health']);
    expect(await reminders('Other alert')).toHaveLength(1);
  }, 60_000);
  it('sends one reminder per alert when two runs escalate at once while another writer holds one of its entries', async () => {
    const [alert] = await overdueAlerts('Contended alert');
    const [energyId, healthId] = [await orgId('energy'), await orgId('health')];
    // a receipt or webhook push updating health's entry at that moment: its row is locked
    const holder = hub.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    const [{ pid }] = await holder.query(`SELECT pg_backend_pid() AS pid`);
    await holder.query(`SELECT 1 FROM deliveries WHERE advisory_id = $1 AND org_id = $2 FOR UPDATE`, [alert, healthId]);
    let settled = 0;
    const runs = [escalation().escalateOverdue(), escalation().escalateOverdue()].map((run) => run.finally(() => (settled += 1)));
    try {
      // both runs done without the held entry, or one of them waiting for it
      await hub.until('the runs finish or wait for the held entry', async () => {
        const [{ waiting }] = await hub.db.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`, [pid]);
        return settled === 2 || waiting > 0;
      });
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    await Promise.all(runs);
    // and a later run, which finds nothing left of this alert
    await escalation().escalateOverdue();
    expect(await escalated(alert)).toEqual(['energy', 'health']);
    const sent = await reminders('Contended alert');
    expect(sent.map((r) => [...r.recipient_org_ids].sort())).toEqual([[energyId, healthId].sort()]);
  }, 60_000);
});
