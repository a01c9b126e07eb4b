import { jest } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { AdvisoriesService, RouterService } from '@isac/advisories';
import type { Principal } from '@isac/auth';
import { IncidentClocksService, IncidentsService } from '@isac/incidents';
import { DataSource } from 'typeorm';
import { incidentBundle } from '../factories/stix-bundles.js';
import { startIncidents, type IncidentsHarness } from '../support/incidents-harness.js';

/** A case declaring impact on other sectors tells their sector units even when the send after filing was lost. */
describe('impact notices of incident cases survive a lost send', () => {
  let hub: IncidentsHarness;
  let module: TestingModule;
  let incidents: IncidentsService;
  let clocks: IncidentClocksService;
  let db: DataSource;
  let energy: Principal;

  beforeAll(async () => {
    hub = await startIncidents();
    module = hub.module;
    energy = hub.principal('energy');
    incidents = module.get(IncidentsService);
    clocks = module.get(IncidentClocksService);
    db = hub.db;
  });
  afterAll(() => hub.close());

  const impactBundle = () => incidentBundle({ extra: { x_isac_aware_at: new Date().toISOString(), x_isac_affected_sectors: ['health', 'finance'] } });

  /** The impact notices of a case: advisories whose body names it, with their recipients. */
  const noticesOf = (caseId: string): Promise<{ id: string; title: string; tlp: string; recipients: string[] }[]> =>
    db.query(
      `SELECT a.id, a.title, a.tlp, array(SELECT o.slug FROM organisations o WHERE o.id = ANY(a.recipient_org_ids) ORDER BY o.slug) AS recipients
         FROM advisories a WHERE a.title LIKE 'Incident affecting%' AND a.body LIKE '%' || $1 || '%'`,
      [caseId],
    );

  /** Routes the notice as the worker would and counts inbox entries per organisation. */
  async function inboxesOf(advisoryId: string): Promise<Record<string, number>> {
    await module.get(RouterService, { strict: false }).route(advisoryId);
    const rows: { slug: string; n: number }[] = await db.query(
      `SELECT o.slug, count(*)::int AS n FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE d.advisory_id = $1 GROUP BY o.slug ORDER BY o.slug`,
      [advisoryId],
    );
    return Object.fromEntries(rows.map((r) => [r.slug, r.n]));
  }

  it('a notice lost after the filing committed (deleted here) is sent by the clock sweep, once, to each affected sector unit', async () => {
    const filed = await incidents.file(energy, impactBundle());
    const [sent] = await noticesOf(filed.case.id);
    expect(sent.recipients).toEqual(['finance', 'health']);
    // the crash: as if the notice had never been written
    await db.query(`DELETE FROM advisory_outbox WHERE advisory_id = $1`, [sent.id]);
    await db.query(`DELETE FROM advisories WHERE id = $1`, [sent.id]);
    expect(await noticesOf(filed.case.id)).toEqual([]);

    expect((await clocks.sweep()).impactNotices).toBe(1);
    expect((await clocks.sweep()).impactNotices).toBe(0);
    const notices = await noticesOf(filed.case.id);
    expect(notices).toEqual([{ id: expect.any(String), title: `Incident affecting finance, health: ${filed.case.name}`, tlp: 'TLP:AMBER+STRICT', recipients: ['finance', 'health'] }]);
    expect(await inboxesOf(notices[0].id)).toEqual({ finance: 1, health: 1 });
  });

  it('a notice whose send failed after the filing (publishing refused once) goes out with the next sweep', async () => {
    const publish = jest.spyOn(module.get(AdvisoriesService), 'publish').mockRejectedValueOnce(new Error('PostgreSQL went away'));
    const filed = await incidents.file(energy, impactBundle());
    // the impact notice only (the link notices of cases sharing the fixture's indicator go out after it)
    expect(publish.mock.calls.filter(([, , options]) => options?.idempotencyKey?.startsWith('incident-impact:'))).toHaveLength(1);
    publish.mockRestore();
    expect(await noticesOf(filed.case.id)).toEqual([]);

    expect((await clocks.sweep()).impactNotices).toBe(1);
    expect((await clocks.sweep()).impactNotices).toBe(0);
    const notices = await noticesOf(filed.case.id);
    expect(notices).toHaveLength(1);
    expect(notices[0].recipients).toEqual(['finance', 'health']);
    expect(await inboxesOf(notices[0].id)).toEqual({ finance: 1, health: 1 });
  });

  it('a notice that went out is not sent again by the sweep, and a case without impact on others sends none', async () => {
    const withImpact = await incidents.file(energy, impactBundle());
    const own = await incidents.file(energy, incidentBundle({ extra: { x_isac_aware_at: new Date().toISOString(), x_isac_affected_sectors: ['energy'] } }));
    const before = await noticesOf(withImpact.case.id);
    expect(before).toHaveLength(1);
    const result = await clocks.sweep();
    expect(result.impactNotices).toBe(0);
    expect(await noticesOf(withImpact.case.id)).toEqual(before);
    expect(await noticesOf(own.case.id)).toEqual([]);
  });
});
