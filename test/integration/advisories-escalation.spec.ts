// DESIGN §5.5: unacknowledged alerts are escalated after their deadline — while they are live. The
// escalation step is called directly (the worker is stopped once the alerts are routed), so no
// reconcile loop races the assertions; the deadlines are moved into the past as time would.
import { DataSource } from 'typeorm';
import { NetworkDirectory } from '@isac/organisations';
import { bearer } from '../factories/bearer.js';
import { alertRequest } from '../factories/advisories.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';
import { AdvisoriesService } from '../../libs/advisories/src/advisories.service.js';
import { AdvisoryRepository } from '../../libs/advisories/src/advisory.repository.js';
import { DeliveryRepository } from '../../libs/advisories/src/delivery.repository.js';
import { EscalationService } from '../../libs/advisories/src/escalation.service.js';

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
    into.set(node['Relation Name'], (into.get(node['Relation Name']) ?? 0) + read);
  }
  for (const child of node.Plans ?? []) rowsRead(child, into);
  return into;
}

describe('escalation of unacknowledged alerts', () => {
  let hub: AdvisoryHub;
  let centre: string;
  let health: string;

  const escalation = (db: Pick<DataSource, 'query'> = hub.db) =>
    new EscalationService(new DeliveryRepository(db as DataSource), new AdvisoryRepository(hub.db), hub.app.get(AdvisoriesService), hub.app.get(NetworkDirectory));
  const escalated = async (alertId: string) =>
    (await hub.db.query(`SELECT o.slug FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE d.advisory_id = $1 AND d.escalated_at IS NOT NULL ORDER BY 1`, [alertId])).map((r: { slug: string }) => r.slug);
  const reminders = async (title: string) =>
    (await hub.db.query(`SELECT recipient_org_ids FROM advisories WHERE title = $1`, [`Reminder: acknowledge "${title}"`])) as { recipient_org_ids: string[] }[];
  const orgId = async (slug: string) => (await hub.db.query(`SELECT id FROM organisations WHERE slug = $1`, [slug]))[0].id as string;

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
    await hub.db.query(`INSERT INTO deliveries (advisory_id, org_id) VALUES ($1, $2)`, [live, await orgId('gridco')]);
    await hub.db.query(`ANALYZE advisories; ANALYZE deliveries`);

    // the repository's own statement, recorded on its way to PostgreSQL and explained in a transaction that is rolled back
    const statements: { sql: string; params: unknown[] }[] = [];
    const recording = { query: (sql: string, params: unknown[]) => (statements.push({ sql, params }), hub.db.query(sql, params)) };
    expect(await escalation(recording).escalateOverdue()).toBe(1);
    expect(await escalated(live)).toEqual(['energy', 'gridco']);
    const escalate = statements.find((s) => /escalated_at = now\(\)/.test(s.sql))!;
    await hub.db.query(`UPDATE deliveries SET escalated_at = NULL WHERE advisory_id = $1 AND org_id = $2`, [live, await orgId('gridco')]);

    const runner = hub.db.createQueryRunner();
    try {
      await runner.startTransaction();
      const [{ 'QUERY PLAN': [plan] }] = await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${escalate.sql}`, escalate.params);
      await runner.rollbackTransaction();
      const read = rowsRead(plan.Plan);
      // the live alert's entries (energy, health, gridco), each at most twice (the lock, then the update), and the live alert itself
      expect(read.get('deliveries')).toBeLessThanOrEqual(6);
      expect(read.get('advisories') ?? 0).toBeLessThanOrEqual(2);
    } finally {
      await runner.release();
    }
  }, 60_000);
});
