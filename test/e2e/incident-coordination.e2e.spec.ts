// Issue 17: cases worked together — the centre's feedback with content, a conversation on the case,
// linked cases, closing and reopening — each within the case's TLP (DESIGN §2, §8).
import { randomUUID } from 'node:crypto';
import { bearer } from '../factories/bearer.js';
import { bundleOf, incident, incidentBundle, type Bundle, type StixObject } from '../factories/stix-bundles.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';

const STIX = 'application/stix+json;version=2.1';
const hourAgo = () => new Date(Date.now() - 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('incident coordination (issue 17)', () => {
  let hub: ApiHarness;
  const keys: Record<string, string> = {};
  const cases: Record<string, string> = {};

  const file = (key: string, bundle: Bundle, query = '') => hub.http.post(`/api/v1/incidents${query}`).set(bearer(key)).set('Content-Type', STIX).send(JSON.stringify(bundle));
  const titlesOf = async (key: string) => ((await hub.http.get('/api/v1/advisories?limit=200').set(bearer(key)).expect(200)).body.advisories as { title: string; body: string }[]);

  beforeAll(async () => {
    hub = await startApi();
    keys.litware = await hub.key('litware', ['reporter', 'analyst']);
    keys.energy = await hub.key('energy', ['reporter', 'analyst']);
    keys.health = await hub.key('health', ['reporter', 'analyst']);
    keys.centre = await hub.key('centre', ['analyst']);
    keys.coordinator = await hub.key('centre', ['coordinator']);
    keys.healthCoordinator = await hub.key('health', ['coordinator']);
    keys.litwareReporter = await hub.key('litware', ['reporter']);
    // litware (an energy member) and health each report an incident with the same C2 address: AMBER+STRICT (unmarked)
    cases.litware = (await file(keys.litware, incidentBundle({ extra: { x_isac_aware_at: '2026-01-10T06:00:00Z' } })).expect(201)).body.id;
    cases.health = (await file(keys.health, incidentBundle({ extra: { x_isac_aware_at: '2026-01-11T06:00:00Z' } })).expect(201)).body.id;
  });
  afterAll(() => hub.close());

  describe('linked cases', () => {
    it('a reporter learns nothing of a linked case it may not read: no link entry, no notice', async () => {
      const own = await hub.http.get(`/api/v1/incidents/${cases.litware}/links`).set(bearer(keys.litware)).expect(200);
      expect(own.body.links).toEqual([]);
      const detail = await hub.http.get(`/api/v1/incidents/${cases.litware}`).set(bearer(keys.litware)).expect(200);
      expect(detail.body.links).toEqual([]);
      expect(JSON.stringify(detail.body)).not.toContain(cases.health);
      for (const advisory of await titlesOf(keys.litware)) expect(`${advisory.title} ${advisory.body}`).not.toContain(cases.health);
      for (const advisory of await titlesOf(keys.health)) expect(`${advisory.title} ${advisory.body}`).not.toContain(cases.litware);
    });

    it('the centre sees the link, with what the cases share, and is told in its inbox', async () => {
      const links = await hub.http.get(`/api/v1/incidents/${cases.litware}/links`).set(bearer(keys.centre)).expect(200);
      expect(links.body.links).toEqual([
        expect.objectContaining({
          case: expect.objectContaining({ id: cases.health, reporter: 'health' }),
          relationship: 'related-to',
          linkedBy: null,
          reasons: expect.arrayContaining([{ basis: 'indicator-pattern', value: "[ipv4-addr:value = '203.0.113.7']" }, { basis: 'observable', value: expect.stringMatching(/^ipv4-addr--/) }]),
        }),
      ]);
      const inbox = await hub.http.get('/api/v1/inbox').set(bearer(keys.centre)).expect(200);
      const notice = inbox.body.entries.find((e: { advisory: { title: string } }) => e.advisory.title.startsWith('Linked cases'));
      expect(notice).toBeDefined();
      expect(notice.advisory).toMatchObject({ tlp: 'TLP:AMBER+STRICT', body: expect.stringContaining(cases.health) });
    });

    it('an organisation that may not read the case gets 404 on its links and messages, as for a missing case', async () => {
      const missing = randomUUID();
      for (const path of ['links', 'messages']) {
        const hidden = await hub.http.get(`/api/v1/incidents/${cases.litware}/${path}`).set(bearer(keys.health)).expect(404);
        const absent = await hub.http.get(`/api/v1/incidents/${missing}/${path}`).set(bearer(keys.health)).expect(404);
        expect(hidden.body.code).toBe(absent.body.code);
      }
      await hub.http.post(`/api/v1/incidents/${cases.litware}/messages`).set(bearer(keys.health)).send({ body: 'anything there?' }).expect(404);
      // a coordinator links only cases its organisation may read: the other is missing to it
      await hub.http.post(`/api/v1/incidents/${cases.health}/links`).set(bearer(keys.healthCoordinator)).send({ caseId: cases.litware }).expect(404);
    });

    it('a link to a case the reporter may read (TLP:GREEN) is shown to it and announced to it', async () => {
      cases.energyGreen = (await file(keys.energy, incidentBundle({ tlp: 'TLP:GREEN', extra: { x_isac_aware_at: '2026-01-12T06:00:00Z' } })).expect(201)).body.id;
      const links = await hub.http.get(`/api/v1/incidents/${cases.litware}/links`).set(bearer(keys.litware)).expect(200);
      expect(links.body.links.map((l: { case: { id: string } }) => l.case.id)).toEqual([cases.energyGreen]);
      const notices = (await titlesOf(keys.litware)).filter((a) => a.title.startsWith('Your case may be linked'));
      expect(notices.some((n) => n.body.includes(cases.energyGreen))).toBe(true);
      expect(notices.some((n) => n.body.includes(cases.health))).toBe(false);
      // health may read the GREEN case too, but never learns of litware's through it
      const fromHealth = await hub.http.get(`/api/v1/incidents/${cases.health}/links`).set(bearer(keys.health)).expect(200);
      expect(fromHealth.body.links.map((l: { case: { id: string } }) => l.case.id)).toEqual([cases.energyGreen]);
    });

    it('a coordinator links two cases by hand; a reporter-only key sees links to its own cases only', async () => {
      const other = (await file(keys.energy, { ...incidentBundle({ tlp: 'TLP:GREEN' }), objects: incidentBundle({ tlp: 'TLP:GREEN' }).objects.slice(0, 1) }).expect(201)).body.id;
      await hub.http.post(`/api/v1/incidents/${cases.litware}/links`).set(bearer(keys.litware)).send({ caseId: other }).expect(403); // the role
      const res = await hub.http.post(`/api/v1/incidents/${cases.litware}/links`).set(bearer(keys.coordinator)).send({ caseId: other, relationship: 'related-to' }).expect(200);
      expect(res.body.links).toEqual(expect.arrayContaining([expect.objectContaining({ case: expect.objectContaining({ id: other }), linkedBy: 'centre', reasons: [{ basis: 'manual', value: 'centre' }] })]));
      const reporterOnly = await hub.http.get(`/api/v1/incidents/${cases.litware}/links`).set(bearer(keys.litwareReporter)).expect(200);
      expect(reporterOnly.body.links).toEqual([]);
      await hub.http.post(`/api/v1/incidents/${cases.litware}/links`).set(bearer(keys.coordinator)).send({ caseId: 'not-a-uuid' }).expect(400);
    });

    it('links cases of two sectors that share only an ATT&CK technique, though each copy of it has its own STIX id', async () => {
      const technique = (): StixObject => ({
        type: 'attack-pattern',
        spec_version: '2.1',
        id: `attack-pattern--${randomUUID()}`,
        created: '2026-01-10T08:00:00.000Z',
        modified: '2026-01-10T08:00:00.000Z',
        name: 'Data Encrypted for Impact',
        external_references: [{ source_name: 'mitre-ics-attack', external_id: 'T0882-linked-by-technique' }],
      });
      const withTechnique = (key: string) =>
        file(key, bundleOf([incident({ tlp: 'TLP:GREEN', extra: { x_isac_aware_at: '2026-01-13T06:00:00Z' } }), technique()])).expect(201);
      const energyCase = (await withTechnique(keys.energy)).body.id;
      const healthCase = (await withTechnique(keys.health)).body.id;
      const shared = [{ basis: 'attack-pattern', value: 'T0882-linked-by-technique' }];
      const linksOf = async (key: string, id: string) => (await hub.http.get(`/api/v1/incidents/${id}/links`).set(bearer(key)).expect(200)).body.links;
      const linkTo = (id: string, reporter: string) => expect.objectContaining({ case: expect.objectContaining({ id, reporter }), reasons: shared });
      expect(await linksOf(keys.centre, energyCase)).toEqual([linkTo(healthCase, 'health')]);
      // both cases are TLP:GREEN: each reporter may read the other's, so each sees the link
      expect(await linksOf(keys.energy, energyCase)).toEqual([linkTo(healthCase, 'health')]);
      expect(await linksOf(keys.health, healthCase)).toEqual([linkTo(energyCase, 'energy')]);
    });
  });

  describe('the case conversation', () => {
    it('a message with a TLP wider than the case is refused with a 422 problem', async () => {
      const res = await hub.http.post(`/api/v1/incidents/${cases.litware}/messages`).set(bearer(keys.centre)).send({ body: 'Seen elsewhere?', tlp: 'TLP:GREEN' }).expect(422);
      expect(res.body).toMatchObject({ code: 'INCIDENT.MESSAGE_TLP_WIDER_THAN_CASE', errors: [expect.objectContaining({ pointer: '/tlp' })] });
      expect((await hub.http.get(`/api/v1/incidents/${cases.litware}/messages`).set(bearer(keys.centre)).expect(200)).body.messages).toEqual([]);
    });

    it("the centre asks, the reporter answers; the case's parties read them and get them as advisories", async () => {
      const asked = await hub.http.post(`/api/v1/incidents/${cases.litware}/messages`).set(bearer(keys.centre)).send({ body: 'Is the **HMI** isolated?', kind: 'question', tlp: 'TLP:RED' }).expect(201);
      expect(asked.body).toMatchObject({ kind: 'question', tlp: 'TLP:RED', from: 'centre', body: 'Is the **HMI** isolated?' });
      await hub.http.post(`/api/v1/incidents/${cases.litware}/messages`).set(bearer(keys.litwareReporter)).send({ body: 'Yes, since 07:00.', kind: 'answer' }).expect(201);
      const read = await hub.http.get(`/api/v1/incidents/${cases.litware}/messages`).set(bearer(keys.energy)).expect(200);
      expect(read.body.messages.map((m: { from: string; kind: string; tlp: string }) => `${m.from} ${m.kind} ${m.tlp}`)).toEqual(['centre question TLP:RED', 'litware answer TLP:AMBER+STRICT']);
      const detail = await hub.http.get(`/api/v1/incidents/${cases.litware}`).set(bearer(keys.litwareReporter)).expect(200);
      expect(detail.body.messages).toHaveLength(2);
      expect((await titlesOf(keys.litware)).some((a) => a.title === 'Question from centre on case: Ransomware at a substation operator' && a.body.includes('Is the **HMI** isolated?'))).toBe(true);
      expect((await titlesOf(keys.centre)).some((a) => a.title.startsWith('Answer from litware'))).toBe(true);
      // not a party: health reads neither the case nor its conversation's advisories
      expect((await titlesOf(keys.health)).some((a) => a.body.includes(cases.litware))).toBe(false);
    });

    it('an empty or oversized body and an unknown kind are 400 with pointers', async () => {
      const res = await hub.http.post(`/api/v1/incidents/${cases.litware}/messages`).set(bearer(keys.centre)).send({ body: '', kind: 'gossip' }).expect(400);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/body', '/kind']);
      await hub.http.post(`/api/v1/incidents/${cases.litware}/messages`).set(bearer(keys.centre)).send({ body: 'x'.repeat(20_001) }).expect(400);
    });
  });

  describe("the centre's feedback", () => {
    it('takes Markdown content, shows it on the timeline and stops the NIS2 Art. 23(5) clock; centre only; body required', async () => {
      await hub.http.post(`/api/v1/incidents/${cases.litware}/feedback`).set(bearer(keys.energy)).send({ body: 'x' }).expect(403);
      await hub.http.post(`/api/v1/incidents/${cases.litware}/feedback`).set(bearer(keys.centre)).send({}).expect(400);
      const res = await hub.http.post(`/api/v1/incidents/${cases.litware}/feedback`).set(bearer(keys.centre)).send({ body: 'Isolate the **HMI** network.', kind: 'guidance' }).expect(200);
      expect(res.body.deadlines.find((d: { clock: string }) => d.clock === 'centre-feedback')).toMatchObject({ submittedAt: expect.any(String) });
      await hub.http.post(`/api/v1/incidents/${cases.litware}/feedback`).set(bearer(keys.centre)).send({ body: 'Severity raised to critical.', kind: 'severity-reassessment' }).expect(200);
      const detail = await hub.http.get(`/api/v1/incidents/${cases.litware}`).set(bearer(keys.litwareReporter)).expect(200);
      expect(detail.body.timeline.filter((t: { kind: string }) => t.kind === 'feedback')).toEqual([
        expect.objectContaining({ feedbackKind: 'guidance', body: 'Isolate the **HMI** network.' }),
        expect.objectContaining({ feedbackKind: 'severity-reassessment', body: 'Severity raised to critical.' }),
      ]);
    });

    it("goes to the reporter as an advisory from the centre (its inbox), under the case's TLP; no one outside the case hears of it", async () => {
      // the advisory delivered to the reporter (the inbox entry follows it through the outbox)
      const advisories = (await hub.http.get('/api/v1/advisories?limit=200').set(bearer(keys.litware)).expect(200)).body.advisories as { title: string; body: string; tlp: string }[];
      const notices = advisories.filter((a) => a.body.includes(cases.litware));
      const feedback = notices.filter((a) => / from the centre on case: /.test(a.title));
      expect(feedback).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ title: 'Guidance from the centre on case: Ransomware at a substation operator', tlp: 'TLP:AMBER+STRICT', body: expect.stringContaining('Isolate the **HMI** network.') }),
          expect.objectContaining({ title: 'Severity reassessment from the centre on case: Ransomware at a substation operator', tlp: 'TLP:AMBER+STRICT', body: expect.stringContaining('Severity raised to critical.') }),
        ]),
      );
      expect(feedback).toHaveLength(2);
      expect((await titlesOf(keys.health)).some((a) => a.body.includes('Isolate the **HMI** network.'))).toBe(false);
    });
  });

  describe('closing and reopening', () => {
    it('the reporter closes with a reason (no final report yet); the case leaves the active list; the sector unit may not close it', async () => {
      await hub.http.post(`/api/v1/incidents/${cases.litware}/close`).set(bearer(keys.litware)).send({}).expect(400); // CLOSE_REASON_REQUIRED: a required input is missing
      await hub.http.post(`/api/v1/incidents/${cases.litware}/close`).set(bearer(keys.energy)).send({ reason: 'handled' }).expect(403);
      await hub.http.post(`/api/v1/incidents/${cases.litware}/close`).set(bearer(keys.health)).send({ reason: 'handled' }).expect(404);
      const closed = await hub.http.post(`/api/v1/incidents/${cases.litware}/close`).set(bearer(keys.litwareReporter)).send({ reason: 'False positive after forensics' }).expect(200);
      expect(closed.body).toMatchObject({ state: 'closed', closeReason: 'False positive after forensics', closedAt: expect.any(String) });
      await hub.http.post(`/api/v1/incidents/${cases.litware}/close`).set(bearer(keys.litware)).send({ reason: 'again' }).expect(409); // ALREADY_CLOSED: the case's state
      const ids = async (query = '') => (await hub.http.get(`/api/v1/incidents${query}`).set(bearer(keys.centre)).expect(200)).body.cases.map((c: { id: string }) => c.id);
      expect(await ids()).not.toContain(cases.litware);
      expect(await ids('?state=closed')).toEqual([cases.litware]);
      expect(await ids('?state=all')).toContain(cases.litware);
      // a closed case owes no report: it is off the overdue list
      expect(await ids('?overdue=true&state=all')).not.toContain(cases.litware);
    });

    it('closes without a reason once the NIS2 final report is filed; before it, a close without a reason is refused', async () => {
      const first = incidentBundle({ tlp: 'TLP:GREEN', extra: { x_isac_aware_at: hourAgo() } });
      const id = (await file(keys.energy, first).expect(201)).body.id;
      const refused = await hub.http.post(`/api/v1/incidents/${id}/close`).set(bearer(keys.energy)).send({}).expect(400);
      expect(refused.body).toMatchObject({ code: 'INCIDENT.CLOSE_REASON_REQUIRED', errors: [expect.objectContaining({ pointer: '/reason' })] });
      // a blank reason is no reason
      await hub.http.post(`/api/v1/incidents/${id}/close`).set(bearer(keys.energy)).send({ reason: '  ' }).expect(400);
      // NIS2 Art. 23(4): the final report follows the notification
      const version = (stage: string, modified: string) => ({
        ...first,
        objects: [{ ...first.objects[0], modified, x_isac_report_stage: stage }, ...first.objects.slice(1)],
      });
      await file(keys.energy, version('notification', new Date(Date.now() - 1000).toISOString()), '?stage=notification').expect(200);
      await hub.http.post(`/api/v1/incidents/${id}/close`).set(bearer(keys.energy)).send({}).expect(400);
      expect((await file(keys.energy, version('final', new Date().toISOString()), '?stage=final').expect(200)).body).toMatchObject({ id, stage: 'final' });
      const closed = await hub.http.post(`/api/v1/incidents/${id}/close`).set(bearer(keys.energy)).send({}).expect(200);
      expect(closed.body).toMatchObject({ state: 'closed', closeReason: null, closedAt: expect.any(String) });
    });

    it('a closed case takes no new message (409 INCIDENT.CLOSED) from any party; its conversation is still read', async () => {
      const before = (await hub.http.get(`/api/v1/incidents/${cases.litware}/messages`).set(bearer(keys.centre)).expect(200)).body.messages.length;
      for (const key of [keys.centre, keys.litwareReporter, keys.energy]) {
        const res = await hub.http.post(`/api/v1/incidents/${cases.litware}/messages`).set(bearer(key)).send({ body: 'Still there?' }).expect(409);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ status: 409, code: 'INCIDENT.CLOSED' });
      }
      // one that may not read the case still learns nothing: 404, as for a missing case
      await hub.http.post(`/api/v1/incidents/${cases.litware}/messages`).set(bearer(keys.health)).send({ body: 'Still there?' }).expect(404);
      const after = await hub.http.get(`/api/v1/incidents/${cases.litware}/messages`).set(bearer(keys.litwareReporter)).expect(200);
      expect(after.body.messages).toHaveLength(before);
      expect(after.body.messages.some((m: { body: string }) => m.body === 'Still there?')).toBe(false);
    });

    it('the centre reopens it; it is back in the list with its clocks', async () => {
      const reopened = await hub.http.post(`/api/v1/incidents/${cases.litware}/reopen`).set(bearer(keys.centre)).expect(200);
      expect(reopened.body).toMatchObject({ state: 'open', closedAt: null });
      await hub.http.post(`/api/v1/incidents/${cases.litware}/reopen`).set(bearer(keys.centre)).expect(409); // NOT_CLOSED: the case's state
      const list = await hub.http.get('/api/v1/incidents').set(bearer(keys.litware)).expect(200);
      expect(list.body.cases.map((c: { id: string }) => c.id)).toContain(cases.litware);
      const timeline = (await hub.http.get(`/api/v1/incidents/${cases.litware}`).set(bearer(keys.litware)).expect(200)).body.timeline.map((t: { kind: string }) => t.kind);
      expect(timeline.slice(-2)).toEqual(['closed', 'reopened']);
      // reopened, it takes messages again
      await hub.http.post(`/api/v1/incidents/${cases.litware}/messages`).set(bearer(keys.litwareReporter)).send({ body: 'Reopened: new findings.' }).expect(201);
    });
  });
});
