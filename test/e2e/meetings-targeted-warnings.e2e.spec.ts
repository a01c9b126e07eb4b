import { NetworkDirectory } from '@isac/organisations';
import { advisoryRequest, alertRequest } from '../factories/advisories.js';
import { bearer } from '../factories/bearer.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

// A warning targeted at a product or provider goes where registers matched (issue 18): who received
// it says who runs the product, which each organisation's register (TLP:AMBER+STRICT by default)
// tells only the centre and its sector unit. An agenda drafted from the period's facts must not tell
// it either (DESIGN §2: a composed document says no more than its readers may read): not through the
// sources' recipients, not through acknowledgement counts per sector, not through an advisory's reach.
const PRODUCT = 'cpe:2.3:a:examplesoft:turbine_gateway:2.0:*:*:*:*:*:*:*';
const Q1 = { startsAt: '2027-02-03T09:00:00.000Z', endsAt: '2027-02-03T12:00:00.000Z' };

type Item = { id: string; kind: string; title: string; notes: string[]; sources: Record<string, unknown>[] };

describe('an agenda with warnings targeted by registers', () => {
  let hub: AdvisoryHub;
  const keys: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startAdvisoryHub();
    await hub.startWorker();
    for (const [slug, roles] of [
      ['centre', ['coordinator', 'analyst']],
      ['adatum', ['analyst']],
      ['lamna-hospital', ['analyst']],
      ['litware', ['analyst']],
    ] as const) {
      keys[slug] = await hub.key(slug, [...roles]);
    }
    // adatum (energy) and lamna-hospital (health) run the product, in registers only their sector unit and the centre read
    for (const owner of ['adatum', 'lamna-hospital']) {
      await hub.http
        .post('/api/v1/infrastructure')
        .set(bearer(keys[owner]))
        .send({ name: 'Turbine gateways', kind: 'ot', criticality: 'high', products: [PRODUCT] })
        .expect(201);
    }
    const publish = async (path: string, body: Record<string, unknown>) =>
      (await hub.http.post(path).set(bearer(keys.centre)).send(body).expect(201)).body.id as string;
    ids.targetedAlert = await publish(
      '/api/v1/alerts',
      alertRequest({ title: 'Turbine gateway flaw', tlp: 'TLP:AMBER', audience: { products: [{ cpe: PRODUCT }] } }),
    );
    ids.sectorAlert = await publish(
      '/api/v1/alerts',
      alertRequest({ title: 'Grid-wide phishing', tlp: 'TLP:AMBER', audience: { sectors: ['energy', 'health'] } }),
    );
    ids.targetedAdvisory = await publish(
      '/api/v1/advisories',
      advisoryRequest({ title: 'Turbine gateway hardening', tlp: 'TLP:GREEN', audience: { products: [{ cpe: PRODUCT }] } }),
    );
    for (const id of Object.values(ids)) {
      await hub.until('routing', async () => (await hub.db.query(`SELECT routed_at FROM advisories WHERE id = $1`, [id]))[0]?.routed_at != null);
    }
  });
  afterAll(() => hub?.close());

  it('litware, a participant, reads the published agenda without learning which organisations the targeted warnings reached', async () => {
    const network = await hub.app.get(NetworkDirectory).network();
    const meeting = (
      await hub.http
        .post('/api/v1/meetings')
        .set(bearer(keys.centre))
        .send({ title: 'Energy and health', ...Q1, participants: ['centre', 'energy', 'health', 'litware'], series: 'targeted' })
        .expect(201)
    ).body.id as string;
    await hub.http.post(`/api/v1/meetings/${meeting}/agenda/draft`).set(bearer(keys.centre)).expect(200);
    await hub.http.post(`/api/v1/meetings/${meeting}/publish`).set(bearer(keys.centre)).expect(200);

    const seen = await hub.http.get(`/api/v1/meetings/${meeting}`).set(bearer(keys.litware)).expect(200);
    const items = seen.body.agenda.items as Item[];
    const text = JSON.stringify(seen.body) + (await hub.http.get(`/api/v1/meetings/${meeting}/agenda.md`).set(bearer(keys.litware)).expect(200)).text;
    // no source names its recipients: adatum and lamna-hospital appear nowhere
    for (const slug of ['adatum', 'lamna-hospital']) {
      expect(text).not.toContain(network.bySlug(slug)!.id);
      expect(text).not.toContain(slug);
    }
    for (const item of items) for (const source of item.sources) expect(source.recipientOrgIds).toBeUndefined();
    // the targeted alert is on the agenda without counts; the sector-wide one keeps its acknowledgement per sector
    const alerts = items.find((i) => i.id === 'alerts')!;
    expect(alerts.sources.map((source) => source.title)).toEqual(expect.arrayContaining(['Turbine gateway flaw', 'Grid-wide phishing']));
    const targeted = alerts.notes.find((n) => n.startsWith('Turbine gateway flaw'))!;
    expect(targeted).not.toMatch(/\d+\/\d+|\d+%/);
    expect(alerts.notes.find((n) => n.startsWith('Grid-wide phishing'))).toMatch(/energy 0\/\d+/);
    // the targeted advisory reached two sectors through registers: no item tells of its reach
    expect(text).not.toContain('Turbine gateway hardening');
    // the versions participants read say no more
    const versions = await hub.http.get(`/api/v1/meetings/${meeting}/agenda/versions`).set(bearer(keys.litware)).expect(200);
    expect(versions.body.versions).toHaveLength(1);
    expect(versions.body.versions[0].agenda.items.some((i: Item) => i.sources.length > 0)).toBe(true);
    expect(JSON.stringify(versions.body)).not.toContain(network.bySlug('adatum')!.id);
  });

  it('the coordinator is not shown the recipients either: the policy keeps them, the views do not', async () => {
    const meeting = (
      await hub.http
        .post('/api/v1/meetings')
        .set(bearer(keys.centre))
        .send({ title: 'Energy only', ...Q1, participants: ['centre', 'energy'], series: 'targeted-2' })
        .expect(201)
    ).body.id as string;
    const drafted = await hub.http.post(`/api/v1/meetings/${meeting}/agenda/draft`).set(bearer(keys.centre)).expect(200);
    const viewed = await hub.http.get(`/api/v1/meetings/${meeting}`).set(bearer(keys.centre)).expect(200);
    for (const agenda of [drafted.body.agenda, viewed.body.agenda]) {
      expect((agenda.items as Item[]).some((i) => i.sources.length > 0)).toBe(true);
      for (const item of agenda.items as Item[]) for (const source of item.sources) expect(source.recipientOrgIds).toBeUndefined();
    }
  });
});
