// Daily briefings on the real services: two organisations opted in get briefings that differ
// exactly as the TLP policy says, delivered once a day to their inbox as an advisory from the centre —
// which may read what it publishes, so nothing the policy keeps from the centre goes in.
import { BriefingService } from '@isac/meetings';
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import { advisoryRequest, alertRequest } from '../factories/advisories.js';
import { bearer } from '../factories/bearer.js';
import { incidentBundle } from '../factories/stix-bundles.js';
import { DataSource } from 'typeorm';
import { type ApiHarness, startApi } from '../support/api-harness.js';

const STIX = 'application/stix+json;version=2.1';

describe('daily briefings', () => {
  let hub: ApiHarness;
  let briefings: BriefingService;
  let network: NetworkSnapshot;
  const keys: Record<string, string> = {};
  const advise = (key: string, body: Record<string, unknown>) => hub.http.post('/api/v1/advisories').set(bearer(key)).send(advisoryRequest(body)).expect(201);

  beforeAll(async () => {
    hub = await startApi();
    briefings = hub.app.get(BriefingService);
    network = await hub.app.get(NetworkDirectory).network();
    keys.centre = await hub.key('centre', ['analyst']);
    keys.energy = await hub.key('energy', ['analyst', 'reporter']);
    keys.health = await hub.key('health', ['analyst']);
    keys.litware = await hub.key('litware', ['analyst']);
    keys.healthReporter = await hub.key('health', ['reporter']);
    await hub.http.post('/api/v1/alerts').set(bearer(keys.centre)).send(alertRequest({ title: 'Alert for all (GREEN)' })).expect(201);
    await advise(keys.energy, { title: 'Energy AMBER to its sector', tlp: 'TLP:AMBER', audience: { sectors: ['energy'] } });
    await advise(keys.energy, { title: 'Energy STRICT to health', tlp: 'TLP:AMBER+STRICT', audience: { organisations: ['health'] } });
    await advise(keys.energy, { title: 'Energy STRICT to health and centre', tlp: 'TLP:AMBER+STRICT', audience: { organisations: ['health', 'centre'] } });
    await advise(keys.centre, { title: 'Centre RED to energy', tlp: 'TLP:RED', audience: { organisations: ['energy'] } });
    await hub.http
      .post('/api/v1/incidents')
      .set(bearer(keys.energy))
      .set('Content-Type', STIX)
      .send(JSON.stringify(incidentBundle({ tlp: 'TLP:AMBER', extra: { name: 'Energy AMBER incident' } })))
      .expect(201);
  });
  afterAll(() => hub.close());

  it('an organisation opts in and out; a reporter-only key may not', async () => {
    expect((await hub.http.get('/api/v1/briefings/subscription').set(bearer(keys.health)).expect(200)).body).toEqual({ organisation: 'health', subscribed: false });
    await hub.http.put('/api/v1/briefings/subscription').set(bearer(keys.health)).expect(200);
    await hub.http.put('/api/v1/briefings/subscription').set(bearer(keys.health)).expect(200); // twice is fine
    await hub.http.put('/api/v1/briefings/subscription').set(bearer(keys.litware)).expect(200);
    await hub.http.put('/api/v1/briefings/subscription').set(bearer(keys.energy)).expect(200);
    await hub.http.delete('/api/v1/briefings/subscription').set(bearer(keys.energy)).expect(200);
    const refused = await hub.http.put('/api/v1/briefings/subscription').set(bearer(keys.healthReporter));
    expect([refused.status, refused.body.code]).toEqual([403, 'AUTH.ROLE_REQUIRED']);
    expect(new Set(await briefings.subscribedOrgIds())).toEqual(new Set([network.bySlug('health')!.id, network.bySlug('litware')!.id]));
  });

  it('health and litware read different briefings, exactly as the policy says', async () => {
    const titles = async (slug: string) => (await briefings.compose(network.bySlug(slug)!.id, new Date())).briefing.items.map((i) => i.title).sort();
    // health: the GREEN alert and what was addressed to it that the centre may read too (energy's
    // AMBER+STRICT to health alone is not: it stays in health's inbox); litware: also its unit's AMBER
    // incident (addressed to the centre too), not the AMBER advisory to the energy sector, which the
    // centre may not read
    expect(await titles('health')).toEqual(['Alert for all (GREEN)', 'Energy STRICT to health and centre']);
    expect(await titles('litware')).toEqual(['Alert for all (GREEN)', 'Energy AMBER incident']);
  });

  it("sends once a day to the organisation's inbox under the briefing's marking; audited on the briefing channel", async () => {
    const healthId = network.bySlug('health')!.id;
    const sent = await briefings.send(healthId, '2026-11-24');
    expect(sent).toMatchObject({ tlp: 'TLP:AMBER+STRICT', items: 2, alreadySent: false });
    expect((await briefings.send(healthId, '2026-11-24')).alreadySent).toBe(true);
    const advisory = await hub.http.get(`/api/v1/advisories/${sent.advisoryId}`).set(bearer(keys.health)).expect(200);
    expect(advisory.body).toMatchObject({ title: 'Daily briefing 2026-11-24', tlp: 'TLP:AMBER+STRICT', author: { slug: 'centre' } });
    expect(advisory.body.body).toContain('Energy STRICT to health and centre');
    expect(advisory.body.body).not.toContain('Centre RED to energy');
    // the centre, which publishes it, reads the briefing too: never what was for health alone
    const asCentre = await hub.http.get(`/api/v1/advisories/${sent.advisoryId}`).set(bearer(keys.centre)).expect(200);
    expect(asCentre.body.body).not.toMatch(/Energy STRICT to health(?! and centre)/);
    expect((await hub.http.get(`/api/v1/advisories/${sent.advisoryId}`).set(bearer(keys.litware))).status).toBe(404);
    // the AMBER+STRICT advisory from energy was read by health through the briefing (GREEN reads are not audited)
    const audited = await hub.app.get(DataSource).query(`SELECT item_kind, tlp FROM audit_log WHERE channel = 'briefing' AND reader_org_id = $1`, [healthId]);
    expect(audited).toEqual([{ item_kind: 'advisory', tlp: 'TLP:AMBER+STRICT' }]);
    // a briefing is not news for the next one
    expect((await briefings.compose(healthId, new Date())).briefing.items.map((i) => i.title)).not.toContain('Daily briefing 2026-11-24');
  });
});
