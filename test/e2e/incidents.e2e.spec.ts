import { stixIdentityIdFor } from '@isac/organisations';
import { validateBundle } from '@isac/stix';
import { bearer } from '../factories/bearer.js';
import { incidentBundle, mixedBundle, type Bundle } from '../factories/stix-bundles.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';

const STIX = 'application/stix+json;version=2.1';

describe('incident reporting API', () => {
  let hub: ApiHarness;
  const keys: Record<string, string> = {};

  const file = (key: string, bundle: unknown, query = '') =>
    hub.http.post(`/api/v1/incidents${query}`).set(bearer(key)).set('Content-Type', STIX).send(JSON.stringify(bundle));

  beforeAll(async () => {
    hub = await startApi();
    keys.energy = await hub.key('energy', ['reporter', 'analyst']);
    keys.litware = await hub.key('litware', ['reporter', 'analyst']);
    keys.centre = await hub.key('centre', ['analyst']);
    keys.health = await hub.key('health', ['reporter', 'analyst']);
    keys.adatum = await hub.key('adatum', ['analyst']);
    keys.proseware = await hub.key('proseware', ['reporter']);
    keys.hospital = await hub.key('lamna-hospital', ['analyst']);
  });
  afterAll(() => hub.close());

  describe('filing', () => {
    let bundle: Bundle;
    let caseId: string;

    it('201 with the case: stage, NIS2 deadlines from awareness, TLP, sectors, severity', async () => {
      bundle = incidentBundle({ extra: { x_isac_aware_at: '2026-01-10T06:00:00Z', x_isac_affected_sectors: ['transport'], x_isac_suspected_malicious: true } });
      const res = await file(keys.litware, bundle).expect(201);
      caseId = res.body.id;
      expect(res.body).toMatchObject({
        incidentId: bundle.objects[0].id,
        reporter: 'litware',
        stage: 'early-warning',
        regime: 'nis2',
        tlp: 'TLP:AMBER+STRICT', // unmarked incident (DESIGN §2)
        severity: 'high', // criticality 70
        affectedSectors: ['energy', 'transport'],
        awareAt: '2026-01-10T06:00:00.000Z',
        report: { stage: 'early-warning', stored: bundle.objects.length, unchanged: 0 },
      });
      expect(res.body.deadlines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ clock: 'early-warning', due: '2026-01-11T06:00:00.000Z', submittedAt: expect.any(String) }),
          expect.objectContaining({ clock: 'notification', due: '2026-01-13T06:00:00.000Z', submittedAt: null }),
          expect.objectContaining({ clock: 'final', due: '2026-02-13T06:00:00.000Z' }),
          expect.objectContaining({ clock: 'centre-feedback', owner: 'centre' }),
        ]),
      );
      // the early warning must say whether a cross-border impact is expected: the hub says it is missing
      expect(res.body.report.missing.map((m: { item: string }) => m.item)).toEqual(['cross-border-impact']);
    });

    it('the same bundle again is a no-op (200, nothing new stored, timeline unchanged)', async () => {
      const res = await file(keys.litware, bundle).expect(200);
      expect(res.body.report).toMatchObject({ stored: 0, unchanged: bundle.objects.length });
      const detail = await hub.http.get(`/api/v1/incidents/${caseId}`).set(bearer(keys.litware)).expect(200);
      expect(detail.body.timeline.filter((t: { kind: string }) => t.kind === 'report')).toHaveLength(1);
    });

    it('a declared impact on another sector reaches that sector unit once, as an advisory under the case TLP', async () => {
      const transport = await hub.key('transport', ['analyst']);
      const titles = async (key: string) =>
        (await hub.http.get('/api/v1/advisories?limit=100').set(bearer(key)).expect(200)).body.advisories
          .filter((a: { title: string }) => a.title.startsWith('Incident affecting'))
          .map((a: { title: string; tlp: string; author: { slug: string } }) => [a.title, a.tlp, a.author.slug]);
      // filed twice (the first report and the no-op resend above): still one notice
      expect(await titles(transport)).toEqual([[`Incident affecting transport: ${bundle.objects[0].name}`, 'TLP:AMBER+STRICT', 'litware']]);
      expect(await titles(keys.health)).toEqual([]);
    });

    it('a follow-up is a later version with its stage; the timeline keeps both reports', async () => {
      const next = structuredClone(bundle);
      Object.assign(next.objects[0], { modified: '2026-01-11T08:00:00.000Z', x_isac_report_stage: 'notification' });
      const res = await file(keys.litware, next).expect(200);
      expect(res.body).toMatchObject({ stage: 'notification', incidentVersion: '2026-01-11T08:00:00.000Z', report: { stage: 'notification', stored: 1 } });
      // NIS2 Art. 23(4)(b): severity and IoCs are there; the impact is not
      expect(res.body.report.missing.map((m: { item: string }) => m.item)).toEqual(['impact']);
      const detail = await hub.http.get(`/api/v1/incidents/${caseId}`).set(bearer(keys.centre)).expect(200);
      expect(detail.body.timeline.map((t: { kind: string; stage: string }) => `${t.kind}:${t.stage}`)).toEqual(['report:early-warning', 'report:notification']);
    });

    it('GET /:id/bundle gives the current objects as a valid STIX 2.1 bundle', async () => {
      const res = await hub.http.get(`/api/v1/incidents/${caseId}/bundle`).set(bearer(keys.centre)).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/stix\+json/);
      const out = JSON.parse(res.text);
      expect(validateBundle(out)).toMatchObject({ valid: true, errors: [] });
      const inc = out.objects.find((o: { type: string }) => o.type === 'incident');
      expect(inc).toMatchObject({ modified: '2026-01-11T08:00:00.000Z', created_by_ref: stixIdentityIdFor('litware') });
      expect(out.objects.some((o: { id: string }) => o.id === stixIdentityIdFor('litware'))).toBe(true);
    });
  });

  describe('on behalf of a member', () => {
    it("a sector unit files under its member's identity; another unit may not", async () => {
      const onBehalf = incidentBundle({ createdByRef: stixIdentityIdFor('adatum') });
      const res = await file(keys.energy, onBehalf).expect(201);
      expect(res.body.reporter).toBe('energy');
      const foreign = incidentBundle({ createdByRef: stixIdentityIdFor('adatum') });
      const refused = await file(keys.health, foreign).expect(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'INCIDENT.CREATED_BY_OTHER_ORG', pointer: '/objects/0/created_by_ref' })]);
    });
  });

  describe('visibility (DESIGN §2)', () => {
    let amberStrict: string;
    let green: string;
    let amber: string;

    beforeAll(async () => {
      amberStrict = (await file(keys.litware, incidentBundle()).expect(201)).body.id;
      green = (await file(keys.litware, incidentBundle({ tlp: 'TLP:GREEN' })).expect(201)).body.id;
      amber = (await file(keys.energy, incidentBundle({ tlp: 'TLP:AMBER' })).expect(201)).body.id;
    });

    it.each([
      ['the reporter', 'litware', 200],
      ['the centre', 'centre', 200],
      ["the reporter's sector unit", 'energy', 200],
      ['another sector unit', 'health', 404],
      ['another member of the sector', 'adatum', 404],
    ])('an unmarked (AMBER+STRICT) case: %s (%s) → %s', async (_, org, status) => {
      await hub.http.get(`/api/v1/incidents/${amberStrict}`).set(bearer(keys[org])).expect(status);
      await hub.http.get(`/api/v1/incidents/${amberStrict}/bundle`).set(bearer(keys[org])).expect(status);
    });

    it('a TLP:GREEN case is readable by every organisation of the network', async () => {
      await hub.http.get(`/api/v1/incidents/${green}`).set(bearer(keys.health)).expect(200);
      const res = await hub.http.get(`/api/v1/incidents/${green}/bundle`).set(bearer(keys.health)).expect(200);
      expect(JSON.parse(res.text).objects.some((o: { type: string }) => o.type === 'incident')).toBe(true);
    });

    it("a TLP:AMBER case reaches the recipients' clients (the unit's members), not the other sector units", async () => {
      await hub.http.get(`/api/v1/incidents/${amber}`).set(bearer(keys.adatum)).expect(200);
      await hub.http.get(`/api/v1/incidents/${amber}`).set(bearer(keys.health)).expect(404);
      await hub.http.get(`/api/v1/incidents/${amber}`).set(bearer(keys.hospital)).expect(404);
    });

    it('the list shows each organisation only what it may read', async () => {
      const ids = async (org: string) => {
        const res = await hub.http.get('/api/v1/incidents?limit=200').set(bearer(keys[org])).expect(200);
        return res.body.cases.map((c: { id: string }) => c.id);
      };
      expect(await ids('health')).toEqual(expect.arrayContaining([green]));
      expect(await ids('health')).not.toContain(amberStrict);
      expect(await ids('health')).not.toContain(amber);
      expect(await ids('centre')).toEqual(expect.arrayContaining([amberStrict, green, amber]));
      expect(await ids('adatum')).toEqual(expect.arrayContaining([green, amber]));
      expect(await ids('adatum')).not.toContain(amberStrict);
    });

    it('reads by other organisations of AMBER+STRICT cases are audited', async () => {
      await hub.http.get(`/api/v1/incidents/${amberStrict}`).set(bearer(keys.centre)).expect(200);
      const admin = await hub.key('centre', ['admin']);
      const res = await hub.http.get('/api/v1/audit?limit=500').set(bearer(admin)).expect(200);
      expect(res.body.entries.some((e: { itemKind: string; tlp: string }) => e.itemKind === 'incident' && e.tlp === 'TLP:AMBER+STRICT')).toBe(true);
    });
  });

  describe('a reporter key without the analyst role (DESIGN §1)', () => {
    it("reads its own organisation's cases, deadlines included, and no other case its organisation may read", async () => {
      const reporter = await hub.key('energy', ['reporter']);
      const own = (await file(reporter, incidentBundle({ tlp: 'TLP:GREEN' })).expect(201)).body.id;
      // a case energy may read (its member's, GREEN) but did not report
      const members = (await file(keys.litware, incidentBundle({ tlp: 'TLP:GREEN' })).expect(201)).body.id;
      await hub.http.get(`/api/v1/incidents/${members}`).set(bearer(keys.energy)).expect(200);

      const got = await hub.http.get(`/api/v1/incidents/${own}`).set(bearer(reporter)).expect(200);
      expect(got.body.deadlines.length).toBeGreaterThan(0);
      await hub.http.get(`/api/v1/incidents/${own}/bundle`).set(bearer(reporter)).expect(200);
      // not another's: as a case that does not exist (no oracle)
      for (const path of [`/api/v1/incidents/${members}`, `/api/v1/incidents/${members}/bundle`]) {
        const res = await hub.http.get(path).set(bearer(reporter)).expect(404);
        expect(res.body.code).toBe('INCIDENT.NOT_FOUND');
      }
      const listed = (await hub.http.get('/api/v1/incidents?limit=200').set(bearer(reporter)).expect(200)).body.cases as { id: string; reporter: string }[];
      expect(listed.map((c) => c.id)).toContain(own);
      expect(listed.every((c) => c.reporter === 'energy')).toBe(true);
      // with the analyst role too, the union: every case energy may read
      const both = await hub.key('energy', ['reporter', 'analyst']);
      const all = (await hub.http.get('/api/v1/incidents?limit=200').set(bearer(both)).expect(200)).body.cases.map((c: { id: string }) => c.id);
      expect(all).toEqual(expect.arrayContaining([own, members]));
    });

    // its event stream is open to it, with case events only (console-events.e2e.spec.ts)
    it('reads no inbox, advisories or insights (403 AUTH.ROLE_REQUIRED)', async () => {
      const reporter = await hub.key('health', ['reporter']);
      for (const path of ['/api/v1/inbox', '/api/v1/advisories', '/api/v1/insights']) {
        const res = await hub.http.get(path).set(bearer(reporter));
        expect([path, res.status, res.body.code]).toEqual([path, 403, 'AUTH.ROLE_REQUIRED']);
      }
    });
  });

  describe('list filters and pagination', () => {
    it('filters by sector, stage and overdue, and pages with a cursor', async () => {
      for (let i = 0; i < 3; i++) await file(keys.health, incidentBundle({ extra: { x_isac_aware_at: '2025-01-01T00:00:00Z' } })).expect(201);
      const health = await hub.http.get('/api/v1/incidents?sector=health').set(bearer(keys.centre)).expect(200);
      expect(health.body.cases).toHaveLength(3);
      expect(health.body.cases.every((c: { overdue: boolean; stage: string }) => c.overdue && c.stage === 'early-warning')).toBe(true);
      const overdue = await hub.http.get('/api/v1/incidents?sector=health&overdue=true').set(bearer(keys.centre)).expect(200);
      expect(overdue.body.cases).toHaveLength(3);
      const notification = await hub.http.get('/api/v1/incidents?sector=health&stage=notification').set(bearer(keys.centre)).expect(200);
      expect(notification.body.cases).toHaveLength(0);
      const first = await hub.http.get('/api/v1/incidents?sector=health&limit=2').set(bearer(keys.centre)).expect(200);
      expect(first.body.cases).toHaveLength(2);
      const second = await hub.http.get(`/api/v1/incidents?sector=health&limit=2&cursor=${first.body.next}`).set(bearer(keys.centre)).expect(200);
      expect(second.body.cases).toHaveLength(1);
      expect(second.body.next).toBeNull();
      const all = [...first.body.cases, ...second.body.cases].map((c: { id: string }) => c.id);
      expect(new Set(all).size).toBe(3);
      const future = await hub.http.get('/api/v1/incidents?since=2099-01-01T00:00:00Z').set(bearer(keys.centre)).expect(200);
      expect(future.body.cases).toEqual([]);
    });

    it('400 for a bad filter', async () => {
      const res = await hub.http.get('/api/v1/incidents?overdue=maybe&sector=mining').set(bearer(keys.centre)).expect(400);
      expect(res.body.code).toBe('REQUEST.VALIDATION_FAILED');
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/overdue', '/sector']);
    });
  });

  describe('DORA (finance) and the centre feedback clock', () => {
    it('a finance entity starts with the initial notification: 4 h after classification, at most 24 h after awareness', async () => {
      const res = await file(
        keys.proseware,
        incidentBundle({ extra: { x_isac_aware_at: '2026-03-01T00:00:00Z', x_isac_classified_at: '2026-03-01T10:00:00Z' } }),
      ).expect(201);
      expect(res.body).toMatchObject({ regime: 'dora', stage: 'notification' });
      expect(res.body.deadlines.map((d: { clock: string; due: string }) => `${d.clock} ${d.due}`)).toEqual([
        'notification 2026-03-01T14:00:00.000Z',
        expect.stringMatching(/^intermediate /),
        expect.stringMatching(/^final /),
      ]);
    });

    it('refuses an early warning under DORA', async () => {
      const res = await file(keys.proseware, incidentBundle({ extra: { x_isac_report_stage: 'early-warning' } })).expect(422);
      expect(res.body).toMatchObject({ code: 'DORA.NO_EARLY_WARNING', errors: [expect.objectContaining({ pointer: '/x_isac_report_stage' })] });
    });

    it('the centre gives feedback, which meets its 24 h clock (NIS2 Art. 23(5))', async () => {
      const opened = await file(keys.energy, incidentBundle()).expect(201);
      expect(opened.body.nextDeadline).toBeDefined();
      await hub.http.post(`/api/v1/incidents/${opened.body.id}/feedback`).set(bearer(keys.energy)).send({ body: 'Isolate it.' }).expect(403);
      const res = await hub.http.post(`/api/v1/incidents/${opened.body.id}/feedback`).set(bearer(keys.centre)).send({ body: 'Isolate it.' }).expect(200);
      expect(res.body.deadlines.find((d: { clock: string }) => d.clock === 'centre-feedback')).toMatchObject({ submittedAt: expect.any(String), late: false });
    });
  });

  describe('the generated 20,000-object bundle of every standard type', () => {
    it('is filed, stored and given back whole', async () => {
      const big = mixedBundle(20_000);
      const res = await file(keys.energy, big).expect(201);
      expect(res.body.report).toMatchObject({ stored: 20_000, unchanged: 0 });
      const out = await hub.http.get(`/api/v1/incidents/${res.body.id}/bundle`).set(bearer(keys.centre)).expect(200);
      const parsed = JSON.parse(out.text);
      expect(parsed.objects.length).toBeGreaterThanOrEqual(20_000);
      expect(validateBundle(parsed).errors).toEqual([]);
    }, 120_000);
  });
});
