// Composed documents never reach further than their sources (DESIGN §2, issue 15): an agenda or a
// briefing that names a source is read only by organisations that may read that source; the reads
// of a source through them are audited as reads of the source; and what a draft left out for TLP
// is described only to an organisation that may read it. Each test replays one adversarial finding.
import { BriefingService } from '@isac/meetings';
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import { DataSource } from 'typeorm';
import { advisoryRequest, alertRequest } from '../factories/advisories.js';
import { bearer } from '../factories/bearer.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';

const Q1 = { startsAt: '2027-02-03T09:00:00.000Z', endsAt: '2027-02-03T12:00:00.000Z' };

describe('composed documents reach no further than their sources', () => {
  let hub: ApiHarness;
  let network: NetworkSnapshot;
  const keys: Record<string, string> = {};
  const tag = Math.random().toString(36).slice(2, 8).toUpperCase();
  const advise = async (key: string, body: Record<string, unknown>) =>
    (await hub.http.post('/api/v1/advisories').set(bearer(key)).send(advisoryRequest(body)).expect(201)).body.id as string;
  const status = async (key: string, path: string) => (await hub.http.get(path).set(bearer(key))).status;
  const audited = (readerSlug: string, itemId: string) =>
    hub.app.get(DataSource).query(`SELECT item_kind, channel, tlp FROM audit_log WHERE reader_org_id = $1 AND item_id = $2 ORDER BY channel`, [network.bySlug(readerSlug)!.id, itemId]);

  beforeAll(async () => {
    hub = await startApi();
    network = await hub.app.get(NetworkDirectory).network();
    for (const [slug, roles] of [
      ['centre', ['coordinator', 'analyst']],
      ['energy', ['analyst']],
      ['health', ['analyst']],
      ['telecom', ['analyst']],
      ['shipping', ['analyst']],
      ['litware', ['analyst', 'coordinator']],
      ['adatum', ['analyst']],
      ['wideworld', ['analyst']],
      ['lamna-hospital', ['analyst']],
    ] as const) {
      keys[slug] = await hub.key(slug, [...roles]);
    }
  });
  afterAll(() => hub.close());

  describe('finding 1: a published agenda does not widen a TLP:AMBER source to the members of participants', () => {
    let sourceId: string;
    let meetingId: string;
    let agendaAdvisoryId: string;

    beforeAll(async () => {
      sourceId = await advise(keys.energy, { title: `ENERGY-AMBER-${tag}`, tlp: 'TLP:AMBER', audience: { organisations: ['centre', 'health', 'telecom'] } });
      const meeting = await hub.http
        .post('/api/v1/meetings')
        .set(bearer(keys.centre))
        .send({ title: `Composed ${tag}`, ...Q1, participants: ['centre', 'energy', 'health', 'telecom'], series: `composed-${tag.toLowerCase()}` })
        .expect(201);
      meetingId = meeting.body.id;
    });

    it('the source is not for litware (a member of energy, its author, which did not name itself): 404, as for a missing advisory', async () => {
      expect(await status(keys.litware, `/api/v1/advisories/${sourceId}`)).toBe(404);
      expect(await status(keys.health, `/api/v1/advisories/${sourceId}`)).toBe(200);
    });

    it('the agenda holds the advisory (every participant may read it) and goes out no wider than it: TLP:AMBER+STRICT', async () => {
      const draft = await hub.http.post(`/api/v1/meetings/${meetingId}/agenda/draft`).set(bearer(keys.centre)).expect(200);
      expect(draft.body.agenda.items.map((i: { id: string }) => i.id)).toContain(`advisory:${sourceId}`);
      expect(draft.body.agenda.tlp).toBe('TLP:AMBER+STRICT');
      const published = await hub.http.post(`/api/v1/meetings/${meetingId}/publish`).set(bearer(keys.centre)).expect(200);
      agendaAdvisoryId = published.body.advisoryId;
      expect(published.body.tlp).toBe('TLP:AMBER+STRICT');
    });

    it('members of the participants may not read the published agenda; the participants may, and it names the source', async () => {
      for (const member of ['litware', 'adatum', 'lamna-hospital']) expect([member, await status(keys[member], `/api/v1/advisories/${agendaAdvisoryId}`)]).toEqual([member, 404]);
      const asHealth = await hub.http.get(`/api/v1/advisories/${agendaAdvisoryId}`).set(bearer(keys.health)).expect(200);
      expect(asHealth.body.tlp).toBe('TLP:AMBER+STRICT');
      expect(asHealth.body.body).toContain(`ENERGY-AMBER-${tag}`);
      // nor can a participant pass it on to its members: AMBER+STRICT is never forwarded
      const forward = await hub.http.post(`/api/v1/advisories/${agendaAdvisoryId}/forward`).set(bearer(keys.health)).send({ organisations: ['lamna-hospital'] });
      expect(forward.status).toBe(403);
    });

    it('the exports carry the composed marking, not the wider one a participant could share with its members', async () => {
      const md = await hub.http.get(`/api/v1/meetings/${meetingId}/agenda.md`).set(bearer(keys.health)).expect(200);
      const lines = md.text.trim().split('\n');
      expect([lines[0], lines.at(-1)]).toEqual(['**TLP:AMBER+STRICT**', '**TLP:AMBER+STRICT**']);
      expect(md.text).toContain(`ENERGY-AMBER-${tag}`);
      const html = await hub.http.get(`/api/v1/meetings/${meetingId}/agenda.html`).set(bearer(keys.telecom)).expect(200);
      expect(html.text).toContain('TLP:AMBER+STRICT</span></header>');
      expect(html.text).not.toMatch(/>TLP:AMBER<\/span>/);
      const ics = await hub.http.get(`/api/v1/meetings/${meetingId}/meeting.ics`).set(bearer(keys.energy)).expect(200);
      expect(ics.text).toContain('SUMMARY:[TLP:AMBER+STRICT]');
      // members never reach the meeting itself
      expect(await status(keys.litware, `/api/v1/meetings/${meetingId}/agenda.md`)).toBe(404);
    });

    it("a participant's read of the agenda is audited as a read of the source it names", async () => {
      await hub.http.get(`/api/v1/meetings/${meetingId}`).set(bearer(keys.telecom)).expect(200);
      expect(await audited('health', sourceId)).toEqual(expect.arrayContaining([{ item_kind: 'advisory', channel: 'agenda', tlp: 'TLP:AMBER' }]));
      expect(await audited('telecom', sourceId)).toEqual(expect.arrayContaining([{ item_kind: 'advisory', channel: 'agenda', tlp: 'TLP:AMBER' }]));
    });

    it('the minutes keep the composed marking: their actions are TLP:AMBER+STRICT, and reading them audits the sources', async () => {
      const action = await hub.http
        .post(`/api/v1/meetings/${meetingId}/minutes/actions`)
        .set(bearer(keys.centre))
        .send({ agendaItemId: `advisory:${sourceId}`, title: 'Follow up the energy advisory', owner: 'health', due: '2027-03-01' })
        .expect(201);
      expect(action.body.tlp).toBe('TLP:AMBER+STRICT');
      const before = (await audited('telecom', sourceId)).length;
      const minutes = await hub.http.get(`/api/v1/meetings/${meetingId}/minutes`).set(bearer(keys.telecom)).expect(200);
      expect(minutes.body.actions.map((a: { tlp: string }) => a.tlp)).toEqual(['TLP:AMBER+STRICT']);
      expect((await audited('telecom', sourceId)).length).toBe(before + 1);
    });
  });

  describe('finding 2: a daily briefing does not widen a TLP:AMBER source to the members of its reader', () => {
    let sourceId: string;

    beforeAll(async () => {
      sourceId = await advise(keys.shipping, { title: `SHIPPING-AMBER-${tag}`, tlp: 'TLP:AMBER', audience: { organisations: ['centre', 'health'] } });
    });

    it('the source is not for wideworld (a member of shipping, its author)', async () => {
      expect(await status(keys.wideworld, `/api/v1/advisories/${sourceId}`)).toBe(404);
    });

    it("shipping's briefing lists the advisory and goes out TLP:AMBER+STRICT; wideworld may not read it", async () => {
      const briefings = hub.app.get(BriefingService);
      const sent = await briefings.send(network.bySlug('shipping')!.id, '2026-11-24');
      expect(sent.tlp).toBe('TLP:AMBER+STRICT');
      const asShipping = await hub.http.get(`/api/v1/advisories/${sent.advisoryId}`).set(bearer(keys.shipping)).expect(200);
      expect(asShipping.body.body).toContain(`SHIPPING-AMBER-${tag}`);
      expect(await status(keys.wideworld, `/api/v1/advisories/${sent.advisoryId}`)).toBe(404);
    });

    it("health's briefing lists it too (named), audited as a read of the source on the briefing channel", async () => {
      const briefings = hub.app.get(BriefingService);
      const sent = await briefings.send(network.bySlug('health')!.id, '2026-11-24');
      expect(sent.tlp).toBe('TLP:AMBER+STRICT');
      expect((await hub.http.get(`/api/v1/advisories/${sent.advisoryId}`).set(bearer(keys.health)).expect(200)).body.body).toContain(`SHIPPING-AMBER-${tag}`);
      expect(await status(keys['lamna-hospital'], `/api/v1/advisories/${sent.advisoryId}`)).toBe(404);
      expect(await audited('health', sourceId)).toEqual([{ item_kind: 'advisory', channel: 'briefing', tlp: 'TLP:AMBER' }]);
    });

    it('a briefing whose every source its reader\'s members may read stays TLP:AMBER', async () => {
      await advise(keys.centre, { title: `CENTRE-AMBER-TRANSPORT-${tag}`, tlp: 'TLP:AMBER', audience: { organisations: ['transport'] } });
      // created_at is stored rounded to the millisecond, up to 0.5 ms ahead of the clock: the period ends a second from now
      const { briefing } = await hub.app.get(BriefingService).compose(network.bySlug('transport')!.id, new Date(Date.now() + 1000));
      expect(briefing.items.map((i) => i.title)).toEqual(expect.arrayContaining([`CENTRE-AMBER-TRANSPORT-${tag}`]));
      expect(briefing.tlp).toBe('TLP:AMBER');
    });
  });

  describe('finding 3: a draft describes a left-out item only to an organisation that may read it', () => {
    const secret: string[] = [];

    beforeAll(async () => {
      secret.push(await advise(keys.energy, { title: `STRICT-${tag}`, tlp: 'TLP:AMBER+STRICT', audience: { organisations: ['health', 'telecom'] } }));
      secret.push(await advise(keys.health, { title: `RED-${tag}`, tlp: 'TLP:RED', audience: { organisations: ['energy', 'telecom'] } }));
      secret.push(await advise(keys.telecom, { title: `AMBER-${tag}`, tlp: 'TLP:AMBER', audience: { organisations: ['health', 'shipping'] } }));
      secret.push((await hub.http.post('/api/v1/alerts').set(bearer(keys.centre)).send(alertRequest({ title: `ALERT-RED-${tag}`, tlp: 'TLP:RED', audience: { organisations: ['health'] } })).expect(201)).body.id);
    });

    it('litware drafting alone gets a count, never the ids, markings or authors of what it may not read', async () => {
      const meeting = await hub.http.post('/api/v1/meetings').set(bearer(keys.litware)).send({ title: `Litware ${tag}`, ...Q1, participants: ['litware'], series: `litware-${tag.toLowerCase()}` }).expect(201);
      const res = await hub.http.post(`/api/v1/meetings/${meeting.body.id}/agenda/draft`).set(bearer(keys.litware)).expect(200);
      expect(res.body.agenda.excluded).toEqual([]);
      expect(res.body.agenda.excludedUnlisted).toBeGreaterThanOrEqual(secret.length);
      const text = JSON.stringify(res.body);
      for (const id of secret) expect(text).not.toContain(id);
      for (const marking of ['TLP:RED', 'TLP:AMBER+STRICT']) expect(text).not.toContain(marking);
      const stored = await hub.http.get(`/api/v1/meetings/${meeting.body.id}`).set(bearer(keys.litware)).expect(200);
      for (const id of secret) expect(JSON.stringify(stored.body)).not.toContain(id);
    });

    it('health drafting with telecom sees the reason for what it may read and telecom may not; the rest is counted', async () => {
      const meeting = await hub.http
        .post('/api/v1/meetings')
        .set(bearer(keys.centre))
        .send({ title: `Health ${tag}`, ...Q1, participants: ['centre', 'health', 'telecom'], series: `health-${tag.toLowerCase()}` })
        .expect(201);
      const res = await hub.http.post(`/api/v1/meetings/${meeting.body.id}/agenda/draft`).set(bearer(keys.centre)).expect(200);
      const listed = res.body.agenda.excluded.map((e: { id: string }) => e.id);
      // the centre may read none of the four (it is named by none, and the RED alert is its own but for health alone: listed)
      expect(listed).not.toContain(`advisory:${secret[0]}`);
      expect(listed).not.toContain(`advisory:${secret[1]}`);
      expect(JSON.stringify(res.body)).not.toContain(secret[0]);
      expect(res.body.agenda.excluded).toContainEqual(expect.objectContaining({ id: secret[3], title: `ALERT-RED-${tag}`, reason: 'TLP:RED from centre, not readable by telecom' }));
      expect(res.body.agenda.excludedUnlisted).toBeGreaterThanOrEqual(3);
    });
  });
});
