import type { Principal } from '@isac/auth';
import { IncidentClocksService, IncidentQueriesService, IncidentsService } from '@isac/incidents';
import { TLP2_MARKING_IDS } from '@isac/stix';
import { StixStoreService } from '@isac/stix-store';
import { DataSource } from 'typeorm';
import { incidentBundle } from '../factories/stix-bundles.js';
import { startIncidents, type IncidentsHarness } from '../support/incidents-harness.js';

describe('STIX store and incident cases on PostgreSQL', () => {
  let hub: IncidentsHarness;
  let store: StixStoreService;
  let incidents: IncidentsService;
  let queries: IncidentQueriesService;
  let clocks: IncidentClocksService;
  let db: DataSource;
  const principals: Record<string, Principal> = {};

  beforeAll(async () => {
    hub = await startIncidents();
    for (const slug of ['energy', 'litware', 'centre', 'health']) principals[slug] = hub.principal(slug, ['reporter', 'analyst']);
    store = hub.module.get(StixStoreService);
    incidents = hub.module.get(IncidentsService);
    queries = hub.module.get(IncidentQueriesService);
    clocks = hub.module.get(IncidentClocksService);
    db = hub.db;
  });
  afterAll(() => hub.close());

  const versions = (id: string) => db.query(`SELECT version, is_current, revoked FROM stix_objects WHERE stix_id = $1 ORDER BY modified_at`, [id]);

  describe('the versioned store (STIX 2.1 §3.6)', () => {
    const ID = 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b';
    const malware = (modified: string, extra: Record<string, unknown> = {}) => ({ type: 'malware', spec_version: '2.1', id: ID, created: '2026-01-01T00:00:00Z', modified, name: 'Cryptolocker', is_family: true, ...extra });
    const options = () => ({ authorOrgId: principals.energy.organisation.id, recipientOrgIds: [principals.centre.organisation.id], tlp: 'TLP:AMBER' as const });

    it('the same version twice is a no-op; a newer one supersedes; an older one arriving late does not', async () => {
      expect(await store.store([malware('2026-01-02T00:00:00Z')], options())).toEqual({ stored: 1, unchanged: 0 });
      expect(await store.store([malware('2026-01-02T00:00:00Z')], options())).toEqual({ stored: 0, unchanged: 1 });
      await store.store([malware('2026-01-03T00:00:00.5Z', { name: 'Cryptolocker v2' })], options());
      await store.store([malware('2026-01-02T12:00:00Z', { name: 'late' })], options());
      expect(await versions(ID)).toEqual([
        { version: '2026-01-02T00:00:00Z', is_current: false, revoked: false },
        { version: '2026-01-02T12:00:00Z', is_current: false, revoked: false },
        { version: '2026-01-03T00:00:00.5Z', is_current: true, revoked: false },
      ]);
    });

    it('keeps the JSON as received, custom properties and key order included', async () => {
      const obj = { x_custom: { b: 1, a: [2] }, ...malware('2026-01-04T00:00:00Z'), x_mitre_version: '1.0' };
      await store.store([obj], options());
      const [row] = await db.query(`SELECT object::text AS text FROM stix_objects WHERE stix_id = $1 AND version = $2`, [ID, '2026-01-04T00:00:00Z']);
      expect(row.text).toBe(JSON.stringify(obj));
    });

    it('a revoked current version refuses later versions and is left out of reads', async () => {
      await store.store([malware('2026-01-05T00:00:00Z', { revoked: true })], options());
      expect((await store.checkForStorage([malware('2026-01-06T00:00:00Z')], { orgId: principals.energy.organisation.id })).problems).toEqual([expect.objectContaining({ code: 'STIX.REVOKED' })]);
      expect(await store.readCurrent([ID], principals.energy.organisation.id, principals.energy)).toEqual([]);
    });

    it('reads go through the TLP policy', async () => {
      const id = 'indicator--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061';
      const indicator = { type: 'indicator', spec_version: '2.1', id, created: '2026-01-01T00:00:00Z', modified: '2026-01-01T00:00:00Z', pattern: "[ipv4-addr:value = '1.2.3.4']", pattern_type: 'stix', valid_from: '2026-01-01T00:00:00Z', object_marking_refs: [TLP2_MARKING_IDS['TLP:RED']] };
      await store.store([indicator], options());
      expect(await store.readCurrent([id], principals.energy.organisation.id, principals.centre)).toHaveLength(1);
      expect(await store.readCurrent([id], principals.energy.organisation.id, principals.energy)).toHaveLength(1); // the author
      expect(await store.readCurrent([id], principals.energy.organisation.id, principals.health)).toHaveLength(0);
    });
  });

  describe('cases', () => {
    it('opens a case in one transaction with its objects; a rejected follow-up changes nothing', async () => {
      const bundle = incidentBundle({ extra: { x_isac_aware_at: new Date(Date.now() - 20 * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z') } });
      const filed = await incidents.file(principals.litware, bundle);
      expect(filed).toMatchObject({ created: true, case: { stage: 'early-warning', reporter: 'litware' } });
      const before = await db.query(`SELECT count(*)::int AS n FROM stix_objects`);
      const next = structuredClone(bundle);
      Object.assign(next.objects[0], { modified: '2026-02-01T00:00:00.000Z', x_isac_report_stage: 'final' });
      await expect(incidents.file(principals.litware, next)).rejects.toMatchObject({ code: 'NIS2.NOTIFICATION_REQUIRED' });
      expect(await db.query(`SELECT count(*)::int AS n FROM stix_objects`)).toEqual(before);
      const got = await queries.get(principals.energy, filed.case.id);
      expect(got.timeline).toHaveLength(1);
    });

    it('the clock sweep marks due-soon and overdue once per clock on the timeline', async () => {
      // aware months ago: notification and final are overdue; the centre's feedback falls due 24 h after the early warning
      const overdueBundle = incidentBundle({ extra: { x_isac_aware_at: '2026-01-01T00:00:00Z' } });
      const late = await incidents.file(principals.health, overdueBundle);
      const first = await clocks.sweep();
      expect(first.overdue).toBeGreaterThan(0);
      const again = await clocks.sweep();
      expect(again.overdue + again.dueSoon).toBe(first.overdue + first.dueSoon); // same marks recomputed…
      const timeline = (await queries.get(principals.centre, late.case.id)).timeline;
      // …but written once each
      expect(timeline.filter((t) => t.kind === 'overdue').map((t) => t.stage)).toEqual(['notification', 'final']);
      const soon = await clocks.sweep(new Date(Date.now() + 23 * 3_600_000));
      expect(soon.dueSoon + soon.overdue).toBeGreaterThan(0);
      const marks = await db.query(`SELECT kind, stage FROM incident_timeline WHERE kind <> 'report' ORDER BY id`);
      expect(marks).toEqual(expect.arrayContaining([{ kind: 'overdue', stage: 'notification' }, { kind: 'due-soon', stage: 'centre-feedback' }]));
      // the reporter is told, by the centre, once per mark, however many sweeps ran
      const notices: { title: string; recipients: string[] }[] = await db.query(
        `SELECT a.title, array(SELECT o.slug FROM organisations o WHERE o.id = ANY(a.recipient_org_ids)) AS recipients
           FROM advisories a JOIN organisations c ON c.id = a.author_org_id AND c.slug = 'centre'
          WHERE a.body LIKE '%' || $1 || '%' AND a.idempotency_key NOT LIKE 'incident-link:%' ORDER BY a.title`,
        [late.case.id],
      );
      expect(notices).toEqual([
        { title: `Overdue: the final report of ${overdueBundle.objects[0].name}`, recipients: ['health'] },
        { title: `Overdue: the notification report of ${overdueBundle.objects[0].name}`, recipients: ['health'] },
      ]);
    });
  });
});
