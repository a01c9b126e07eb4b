// Issue 18, targeted warnings seen by everyone but the author's happy path: each exposed organisation
// is told what of its own register matched (inbox, advisory, webhook body) and nobody else is; the
// event stream, insights and TAXII name no match; exposure combines with sectors as a union, for alerts
// too; a register changed after publishing changes no recorded recipient; and where the author may not
// read a matched register, its receipts and its event stream count the recipient instead of naming it.
import { NetworkDirectory } from '@isac/organisations';
import { collectionId } from '@isac/taxii';
import { basic, bearer } from '../factories/bearer.js';
import { advisoryRequest, alertRequest } from '../factories/advisories.js';
import { taxiiHeaders } from '../factories/taxii.js';
import { startAdvisoryHub, startReceiver, type AdvisoryHub } from '../support/advisories-harness.js';
import { openStream, type Stream } from '../support/event-stream.js';

const ORGS = ['centre', 'energy', 'health', 'finance', 'litware', 'adatum', 'northwind-power', 'lamna-hospital', 'trey-diagnostics', 'proseware'] as const;
type Org = (typeof ORGS)[number];
const IVANTI = (version: string) => `cpe:2.3:a:ivanti:connect_secure:${version}:*:*:*:*:*:*:*`;
const BELOW_22_7R2_5 = { cpe: 'cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:*', versionEndExcluding: '22.7R2.5' };
const GATEWAY = (version: string) => `cpe:2.3:a:testvendor:substation_gateway:${version}:*:*:*:*:*:*:*`;
const INDICATOR = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--6f1c2b9e-4d3a-4c1e-9a7b-2e5d8c0f1a33',
  created: '2026-11-30T10:00:00.000Z',
  modified: '2026-11-30T10:00:00.000Z',
  pattern: "[ipv4-addr:value = '203.0.113.77']",
  pattern_type: 'stix',
  valid_from: '2026-11-30T10:00:00Z',
};
const SECRET = 'a-targeted-warning-webhook-secret';

describe('targeted warnings: what each organisation learns', () => {
  let hub: AdvisoryHub;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let eventsUrl: string;
  const keys = {} as Record<Org, string>;
  const entryIds: Record<string, string> = {};
  const orgIds = {} as Record<Org, string>;
  const streams: Stream[] = [];
  let warning: string;

  beforeAll(async () => {
    hub = await startAdvisoryHub();
    await hub.app.listen(0, '127.0.0.1');
    eventsUrl = `${(await hub.app.getUrl()).replace('[::1]', '127.0.0.1')}/api/v1/events`;
    receiver = await startReceiver();
    for (const org of ORGS) keys[org] = await hub.key(org, ['analyst']);
    for (const r of await hub.db.query(`SELECT id, slug FROM organisations`)) orgIds[r.slug as Org] = r.id;
    const register = async (name: string, org: Org, entry: Record<string, unknown>) =>
      (entryIds[name] = (
        await hub.http
          .post('/api/v1/infrastructure')
          .set(bearer(keys[org]))
          .send({ name, ...entry })
          .expect(201)
      ).body.id);
    await register('Grid control remote access', 'litware', { kind: 'ot', criticality: 'critical', products: [IVANTI('22.7r2.3')], dependsOn: ['fabrikam'] });
    await register('Market VPN', 'adatum', { kind: 'network', criticality: 'critical', products: [IVANTI('22.7r2.10')], tlp: 'TLP:RED' });
    await register('Patient records', 'lamna-hospital', { kind: 'system', criticality: 'high', products: [IVANTI('22.7r1')], tlp: 'TLP:AMBER' });
    await register('Clearing engine', 'proseware', { kind: 'service', criticality: 'critical', dependsOn: ['fabrikam'], tlp: 'TLP:GREEN' });
    await hub.http
      .put('/api/v1/organisations/litware/webhook')
      .set(bearer(await hub.key('litware', ['admin'])))
      .send({ url: receiver.url('/litware'), secret: SECRET })
      .expect(200);
  }, 60_000);
  afterAll(async () => {
    for (const s of streams) s.close();
    await receiver?.close();
    await hub?.close();
  });

  const routed = async (advisoryId: string) => {
    await hub.until(
      `routing of ${advisoryId}`,
      async () => (await hub.db.query(`SELECT routed_at FROM advisories WHERE id = $1`, [advisoryId]))[0]?.routed_at != null,
    );
    return Object.fromEntries(await hub.inboxCount(advisoryId));
  };
  const view = async (org: Org, id: string) => (await hub.http.get(`/api/v1/advisories/${id}`).set(bearer(keys[org])).expect(200)).body;
  const inboxEntry = async (org: Org, id: string) =>
    (await hub.http.get('/api/v1/inbox').set(bearer(keys[org])).expect(200)).body.entries.find((e: { id: string }) => e.id === id);
  const NAMES = ['Grid control remote access', 'Patient records', 'Market VPN', 'Clearing engine'];

  it('a product range through the event stream: the matched organisation hears of its entry, a non-matched one hears nothing', async () => {
    const opened: Record<string, Stream> = {};
    for (const o of ['litware', 'adatum', 'proseware', 'centre'] as const) opened[o] = await openStream(eventsUrl, keys[o]);
    streams.push(...Object.values(opened));
    const res = await hub.http
      .post('/api/v1/advisories')
      .set(bearer(keys.centre))
      .send(advisoryRequest({ title: 'Connect Secure before 22.7R2.5', tlp: 'TLP:AMBER', audience: { products: [BELOW_22_7R2_5] }, stix: [INDICATOR] }))
      .expect(201);
    warning = res.body.id;
    expect(await routed(warning)).toEqual({ litware: 1, energy: 1, 'lamna-hospital': 1, health: 1 });
    const about = (s: Stream) => s.events.filter((e) => e.data.advisoryId === warning);
    // litware's entry is added, then changed when its webhook push is recorded (both may come before a look)
    await hub.until('litware hears of its entry', async () => about(opened.litware).length >= 1);
    await hub.until('the author hears of the fan-out', async () => about(opened.centre).length >= 1);
    expect(about(opened.litware)[0].data).toEqual({ type: 'inbox', change: 'added', entryId: warning, advisoryId: warning });
    for (const e of about(opened.litware).slice(1)) expect(e.data).toEqual({ type: 'inbox', change: 'changed', entryId: warning, advisoryId: warning });
    expect(about(opened.centre)[0].data).toEqual({ type: 'receipt', change: 'delivered', advisoryId: warning });
    // adatum runs 22.7R2.10 and proseware another product: their streams stay silent
    for (const silent of [opened.adatum, opened.proseware]) expect(silent.events.filter((e) => e.type !== 'ready')).toEqual([]);
  });

  it("an exposed organisation is told what of its own register matched: its inbox entry, its view of the advisory, its webhook's body", async () => {
    const expected = [{ entry: 'Grid control remote access', products: [IVANTI('22.7r2.3')], dependsOn: [] }];
    expect((await inboxEntry('litware', warning)).advisory.matched).toEqual(expected);
    expect((await view('litware', warning)).matched).toEqual(expected);
    const listed = (await hub.http.get('/api/v1/advisories').set(bearer(keys.litware)).expect(200)).body.advisories.find(
      (a: { id: string }) => a.id === warning,
    );
    expect(listed.matched).toEqual(expected);
    await hub.until('the webhook push', async () => receiver.received.some((r) => r.path === '/litware' && r.body.includes(warning)));
    const pushed = JSON.parse(receiver.received.find((r) => r.path === '/litware' && r.body.includes(warning))!.body);
    expect(pushed.advisory.matched).toEqual(expected);
    expect((await view('lamna-hospital', warning)).matched).toEqual([{ entry: 'Patient records', products: [IVANTI('22.7r1')], dependsOn: [] }]);
  });

  it("nobody else learns who matched: not the sector unit, not its other members, not the author's own view of the message", async () => {
    // energy (named as litware's sector unit), adatum (AMBER to energy is its to read as a member) and the centre
    for (const org of ['energy', 'adatum', 'health', 'centre'] as const) {
      const seen = await view(org, warning);
      expect(seen.matched).toBeUndefined();
      const text = JSON.stringify(org === 'centre' ? { ...seen, receipts: undefined } : seen);
      for (const hidden of [...NAMES, 'litware', 'lamna-hospital', orgIds.litware, orgIds['lamna-hospital'], IVANTI('22.7r2.3')])
        expect(text).not.toContain(hidden);
    }
    expect((await inboxEntry('energy', warning)).advisory.matched).toBeUndefined();
    // lamna's entry names its own match only
    expect(JSON.stringify(await inboxEntry('lamna-hospital', warning))).not.toContain('Grid control');
    for (const org of ['proseware', 'finance'] as const) await hub.http.get(`/api/v1/advisories/${warning}`).set(bearer(keys[org])).expect(404);
  });

  it('attached STIX of a REST advisory never reaches a TAXII collection: nothing of the warning is served there', async () => {
    for (const org of ['litware', 'adatum', 'centre'] as const) {
      for (const alias of ['public', 'alerts', 'energy', 'health']) {
        const res = await hub.http.get(`/taxii2/api/collections/${collectionId(alias)}/objects/?limit=1000`).set(taxiiHeaders(basic(keys[org])));
        // a collection the key may not read answers 403/404; one it reads holds nothing of the advisory
        if (res.status !== 200) continue;
        expect(JSON.stringify(res.body)).not.toContain(INDICATOR.id);
      }
    }
  });

  it('a targeted alert combined with sectors as a union, each organisation told of its own match only', async () => {
    const res = await hub.http
      .post('/api/v1/alerts')
      .set(bearer(keys.centre))
      .send(alertRequest({ title: 'Fabrikam outage', tlp: 'TLP:AMBER', audience: { dependsOn: ['fabrikam'], sectors: ['health'] } }))
      .expect(201);
    expect(res.body.kind).toBe('alert');
    // exposure: litware and proseware (with their units); the health sector: its unit and members
    expect(await routed(res.body.id)).toEqual({ litware: 1, energy: 1, proseware: 1, finance: 1, health: 1, 'lamna-hospital': 1, 'trey-diagnostics': 1 });
    expect((await inboxEntry('litware', res.body.id)).advisory).toMatchObject({
      kind: 'alert',
      requiresAck: true,
      matched: [{ entry: 'Grid control remote access', products: [], dependsOn: ['fabrikam'] }],
    });
    expect((await view('proseware', res.body.id)).matched).toEqual([{ entry: 'Clearing engine', products: [], dependsOn: ['fabrikam'] }]);
    // reached through its sector, not its register
    expect((await view('lamna-hospital', res.body.id)).matched).toBeUndefined();
    await hub.http.post(`/api/v1/inbox/${res.body.id}/ack`).set(bearer(keys.litware)).expect(200);
    const detail = await view('centre', res.body.id);
    expect(detail.exposure).toEqual({ matchedOrganisations: 2, unnamedReceipts: { delivered: 0, read: 0, acknowledged: 0 } });
  });

  it("insights name no matched organisation: the author's show counts per sector, a recipient's nothing of others", async () => {
    const centre = (await hub.http.get('/api/v1/insights').set(bearer(keys.centre)).expect(200)).body;
    const proseware = (await hub.http.get('/api/v1/insights').set(bearer(keys.proseware)).expect(200)).body;
    expect(proseware.acknowledgement.alerts).toBe(0);
    for (const seen of [centre, proseware]) {
      const text = JSON.stringify(seen);
      for (const hidden of [...NAMES, 'litware', 'proseware', 'lamna-hospital', orgIds.litware, orgIds.proseware]) expect(text).not.toContain(hidden);
    }
    expect(centre.acknowledgement.alerts).toBeGreaterThanOrEqual(1);
  });

  it('a register changed after publishing leaves the recorded recipients (and what each was told matched) unchanged', async () => {
    const [before] = await hub.db.query(`SELECT recipient_org_ids FROM advisories WHERE id = $1`, [warning]);
    await hub.http
      .put(`/api/v1/infrastructure/${entryIds['Grid control remote access']}`)
      .set(bearer(keys.litware))
      .send({ name: 'Grid control remote access (patched)', kind: 'ot', criticality: 'critical', products: [IVANTI('22.7r2.10')] })
      .expect(200);
    await hub.http
      .post('/api/v1/infrastructure')
      .set(bearer(keys.adatum))
      .send({ name: 'Old VPN', kind: 'network', criticality: 'low', products: [IVANTI('22.7r1')] })
      .expect(201);
    const [after] = await hub.db.query(`SELECT recipient_org_ids FROM advisories WHERE id = $1`, [warning]);
    expect([...after.recipient_org_ids].sort()).toEqual([...before.recipient_org_ids].sort());
    expect(Object.fromEntries(await hub.inboxCount(warning))).toEqual({ litware: 1, energy: 1, 'lamna-hospital': 1, health: 1 });
    expect((await view('litware', warning)).matched).toEqual([{ entry: 'Grid control remote access', products: [IVANTI('22.7r2.3')], dependsOn: [] }]);
    await hub.http
      .get(`/api/v1/advisories/${warning}`)
      .set(bearer(keys.adatum))
      .expect(200)
      .expect((r) => expect(r.body.matched).toBeUndefined());
    // the same audience published now resolves against the registers as they are
    const again = await hub.http
      .post('/api/v1/advisories')
      .set(bearer(keys.centre))
      .send(advisoryRequest({ tlp: 'TLP:AMBER', audience: { products: [BELOW_22_7R2_5] } }))
      .expect(201);
    expect(await routed(again.body.id)).toEqual({ adatum: 1, energy: 1, 'lamna-hospital': 1, health: 1 });
  });

  describe('an author that may not read a matched register', () => {
    // northwind-power's register was addressed to the centre and energy; the network file then moves it
    // to the health sector (a re-seed updates its parent). Its entries stay addressed as they were, so
    // health — now its sector unit, targeting within its own sector — may not read them.
    beforeAll(async () => {
      await hub.http
        .post('/api/v1/infrastructure')
        .set(bearer(keys['northwind-power']))
        .send({ name: 'Substation gateway', kind: 'ot', criticality: 'critical', products: [GATEWAY('5.2')], tlp: 'TLP:RED' })
        .expect(201);
      await hub.http
        .post('/api/v1/infrastructure')
        .set(bearer(keys['lamna-hospital']))
        .send({ name: 'Imaging gateway', kind: 'system', criticality: 'high', products: [GATEWAY('5.0')] })
        .expect(201);
      await hub.db.query(`UPDATE organisations SET sector = 'health', parent_id = $1, updated_at = now() WHERE slug = 'northwind-power'`, [orgIds.health]);
      hub.app.get(NetworkDirectory).invalidate();
      hub.worker?.get(NetworkDirectory).invalidate();
    });

    it('its receipts and its event stream count that recipient, never name it; the recipient is still told its match', async () => {
      const health = await openStream(eventsUrl, keys.health);
      streams.push(health);
      const res = await hub.http
        .post('/api/v1/advisories')
        .set(bearer(keys.health))
        .send(advisoryRequest({ title: 'Gateway before 6.0', tlp: 'TLP:AMBER', audience: { products: [{ cpe: GATEWAY('*'), versionEndExcluding: '6.0' }] } }))
        .expect(201);
      const id = res.body.id;
      expect(await routed(id)).toEqual({ 'northwind-power': 1, 'lamna-hospital': 1 });
      expect((await view('northwind-power', id)).matched).toEqual([{ entry: 'Substation gateway', products: [GATEWAY('5.2')], dependsOn: [] }]);
      await hub.http.post(`/api/v1/inbox/${id}/read`).set(bearer(keys['northwind-power'])).expect(200);
      await hub.http.post(`/api/v1/inbox/${id}/read`).set(bearer(keys['lamna-hospital'])).expect(200);

      const receipts = (s: Stream) =>
        s.events.filter((e) => e.type === 'receipt' && e.data.advisoryId === id && e.data.change !== 'delivered').map((e) => e.data);
      await hub.until('both reads reach the author', async () => receipts(health).length === 2);
      expect(receipts(health)).toEqual(
        expect.arrayContaining([
          { type: 'receipt', change: 'counted', advisoryId: id },
          { type: 'receipt', change: 'changed', advisoryId: id, recipientOrgId: orgIds['lamna-hospital'] },
        ]),
      );
      expect(JSON.stringify(health.events)).not.toContain(orgIds['northwind-power']);

      const detail = await view('health', id);
      expect(detail.receipts.map((r: { organisation: { slug: string } }) => r.organisation.slug)).toEqual(['lamna-hospital']);
      expect(detail.exposure).toEqual({ matchedOrganisations: 2, unnamedReceipts: { delivered: 1, read: 1, acknowledged: 0 } });
      const text = JSON.stringify(detail);
      for (const hidden of ['northwind-power', orgIds['northwind-power'], 'Substation gateway', 'Imaging gateway']) expect(text).not.toContain(hidden);
    });
  });
});
