// The console's insights on the real services: the acknowledgement plot counts every alert the
// caller issued in the window, however many, and the case reads behind the plots are audited as
// insights, not as REST list reads.
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import { alertRequest } from '../factories/advisories.js';
import { bearer } from '../factories/bearer.js';
import { incidentBundle } from '../factories/stix-bundles.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

const STIX = 'application/stix+json;version=2.1';

describe('insights', () => {
  let hub: AdvisoryHub;
  let network: NetworkSnapshot;
  const keys: Record<string, string> = {};
  const alertIds: string[] = [];

  beforeAll(async () => {
    hub = await startAdvisoryHub();
    network = await hub.app.get(NetworkDirectory).network();
    keys.centre = await hub.key('centre', ['analyst']);
    keys.energy = await hub.key('energy', ['analyst', 'reporter']);
    keys.health = await hub.key('health', ['analyst']);
    const issue = async (body: Record<string, unknown>) => (await hub.http.post('/api/v1/alerts').set(bearer(keys.centre)).send(alertRequest(body)).expect(201)).body.id as string;
    alertIds.push(await issue({ title: 'To energy', audience: { sectors: ['energy'] } }));
    alertIds.push(await issue({ title: 'To all', audience: { all: true } }));
    const noAck = await issue({ title: 'No acknowledgement asked', audience: { all: true }, requiresAck: false });
    for (const id of [...alertIds, noAck]) await hub.until(`alert ${id} routed`, async () => (await hub.inboxCount(id)).size > 0);
    await hub.http.post(`/api/v1/inbox/${alertIds[0]}/ack`).set(bearer(keys.energy)).expect(200);
    await hub.http.post(`/api/v1/inbox/${alertIds[1]}/ack`).set(bearer(keys.energy)).expect(200);
    await hub.http.post(`/api/v1/inbox/${alertIds[1]}/ack`).set(bearer(keys.health)).expect(200);
    // 2,000 earlier alerts of the window that reached nobody (written straight into the table, already
    // routed): more than any one read of alerts would fetch, all older than the three above
    await hub.db.query(
      `INSERT INTO advisories (kind, author_org_id, title, body, severity, tlp, audience, recipient_org_ids, requires_ack, ack_deadline, expires_at, relayed_at, routed_at, created_at)
       SELECT kind, author_org_id, title || ' #' || g, body, severity, tlp, audience, '{}', true, ack_deadline, expires_at, now(), now(), created_at - g * interval '1 minute'
         FROM advisories, generate_series(1, 2000) AS g WHERE id = $1`,
      [alertIds[0]],
    );
  });
  afterAll(() => hub.close());

  it("counts every alert the caller issued that asked for acknowledgement, and the receipts of each sector's recipients", async () => {
    const { body } = await hub.http.get('/api/v1/insights?weeks=12').set(bearer(keys.centre)).expect(200);
    // recipients per sector, counted from the inboxes of the two alerts
    const delivered = new Map<string, number>();
    for (const id of alertIds) {
      for (const [slug, n] of await hub.inboxCount(id)) {
        const org = network.bySlug(slug)!;
        const sector = org.sector ?? 'centre';
        delivered.set(sector, (delivered.get(sector) ?? 0) + n);
      }
    }
    const acknowledged: Record<string, number> = { energy: 2, health: 1 };
    expect(body.acknowledgement.alerts).toBe(2002);
    expect(body.acknowledgement.perSector).toEqual(
      [...delivered.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([sector, n]) => ({ sector, delivered: n, acknowledged: acknowledged[sector] ?? 0, rate: (acknowledged[sector] ?? 0) / n })),
    );
    expect(delivered.get('energy')).toBeGreaterThan(2); // both alerts reached the unit and its members
  });

  it('shows an organisation that issued no alert no receipts', async () => {
    const { body } = await hub.http.get('/api/v1/insights').set(bearer(keys.energy)).expect(200);
    expect(body.acknowledgement).toEqual({ alerts: 0, perSector: [] });
  });

  it('audits the case reads behind the plots on the insights channel', async () => {
    const filed = await hub.http
      .post('/api/v1/incidents')
      .set(bearer(keys.energy))
      .set('Content-Type', STIX)
      .send(JSON.stringify(incidentBundle({ tlp: 'TLP:AMBER', extra: { name: 'Energy AMBER incident for the plots' } })))
      .expect(201);
    const centreId = network.bySlug('centre')!.id;
    const reads = () =>
      hub.db.query(`SELECT channel FROM audit_log WHERE reader_org_id = $1 AND item_kind = 'incident' AND item_id = $2 ORDER BY id`, [centreId, filed.body.incidentId]);
    expect(await reads()).toEqual([]);
    const { body } = await hub.http.get('/api/v1/insights').set(bearer(keys.centre)).expect(200);
    expect(body.cases).toBe(1);
    expect(await reads()).toEqual([{ channel: 'insights' }]);
    // the REST list still audits as rest
    await hub.http.get('/api/v1/incidents').set(bearer(keys.centre)).expect(200);
    expect(await reads()).toEqual([{ channel: 'insights' }, { channel: 'rest' }]);
  });
});
