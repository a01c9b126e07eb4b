// the repository itself: the router's write is tested without a worker racing it
import { DeliveryRepository } from '@isac/advisories';
import { bearer } from '../factories/bearer.js';
import { advisoryRequest } from '../factories/advisories.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

// The router's fan-out write: a plain INSERT for advisories routed the first time, the careful
// ON CONFLICT statement when an entry turns out to exist already.
describe('the routing write', () => {
  let hub: AdvisoryHub;
  let deliveries: DeliveryRepository;
  let orgIds: string[];
  let energyKey: string;

  beforeAll(async () => {
    hub = await startAdvisoryHub({ worker: false });
    deliveries = new DeliveryRepository(hub.db);
    energyKey = await hub.key('energy', ['analyst']);
    orgIds = (await hub.db.query(`SELECT id FROM organisations ORDER BY slug`)).map((r: { id: string }) => r.id);
  });
  afterAll(() => hub.close());

  const publish = async (title: string): Promise<string> =>
    (await hub.http.post('/api/v1/advisories').set(bearer(energyKey)).send(advisoryRequest({ title, tlp: 'TLP:GREEN', audience: { all: true } })).expect(201)).body.id;
  const entries = async (advisoryId: string) =>
    (await hub.db.query(`SELECT org_id, count(*)::int AS n FROM deliveries WHERE advisory_id = $1 GROUP BY org_id ORDER BY org_id`, [advisoryId])) as { org_id: string; n: number }[];
  const routed = async (ids: string[]) => (await hub.db.query(`SELECT count(*)::int AS n FROM advisories WHERE id = ANY($1) AND routed_at IS NOT NULL`, [ids]))[0].n;

  it('gives advisories time-ordered ids (UUIDv7), so their entries land at the end of the deliveries key', async () => {
    const first = await publish('v7 first');
    await new Promise((r) => setTimeout(r, 5));
    const second = await publish('v7 second');
    for (const id of [first, second]) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first < second).toBe(true);
  });

  it('writes every entry once when one already exists (a forward came first): the plain insert falls back', async () => {
    const [a, b] = [await publish('fallback a'), await publish('fallback b')];
    // an entry of `a` written before routing, as a forward would
    expect(await deliveries.insertForAdvisory(a, [orgIds[0]])).toEqual([orgIds[0]]);
    const written = await deliveries.insertAndMarkRouted(new Map([[a, orgIds], [b, orgIds]]), { firstTime: true });
    const byAdvisory = new Map(written.map((w) => [w.advisoryId, w.newEntries]));
    expect(byAdvisory.get(a)).toBe(orgIds.length - 1);
    expect(byAdvisory.get(b)).toBe(orgIds.length);
    for (const id of [a, b]) expect(await entries(id)).toEqual([...orgIds].sort().map((org_id) => ({ org_id, n: 1 })));
    expect(await routed([a, b])).toBe(2);
    // routing again (a redelivered job) is a no-op, whichever way it is asked for
    expect(await deliveries.insertAndMarkRouted(new Map([[a, orgIds]]), { firstTime: true })).toEqual([]);
    expect(await deliveries.insertAndMarkRouted(new Map([[b, orgIds]]))).toEqual([]);
    expect((await entries(a)).length).toBe(orgIds.length);
  });

  it('two workers writing the same advisory at once: one entry each, the new ones counted once', async () => {
    const c = await publish('concurrent');
    const results = await Promise.all([1, 2, 3].map(() => deliveries.insertAndMarkRouted(new Map([[c, orgIds]]), { firstTime: true })));
    const counted = results.flat().reduce((n, w) => n + w.newEntries, 0);
    expect(counted).toBe(orgIds.length);
    expect(await entries(c)).toEqual([...orgIds].sort().map((org_id) => ({ org_id, n: 1 })));
  });

  it('names the recipients with a webhook as pending pushes, the plain way and the careful way alike', async () => {
    const hooked = orgIds.slice(2, 4);
    await hub.db.query(`INSERT INTO webhooks (org_id, url, secret) SELECT unnest($1::uuid[]), 'https://hooks.example/isac', 'secret'`, [hooked]);
    try {
      const [plain, careful] = [await publish('hooked plain'), await publish('hooked careful')];
      await deliveries.insertForAdvisory(careful, [orgIds[0]]);
      for (const [id, firstTime] of [[plain, true], [careful, false]] as const) {
        const [written] = await deliveries.insertAndMarkRouted(new Map([[id, orgIds]]), { firstTime });
        expect(written.pendingPushes.map((p) => p.orgId).sort()).toEqual([...hooked].sort());
        expect(written.pendingPushes.every((p) => p.advisoryId === id)).toBe(true);
        const pending = await hub.db.query(`SELECT org_id FROM deliveries WHERE advisory_id = $1 AND webhook_state = 'pending' ORDER BY org_id`, [id]);
        expect(pending.map((r: { org_id: string }) => r.org_id)).toEqual([...hooked].sort());
      }
    } finally {
      await hub.db.query(`DELETE FROM webhooks WHERE org_id = ANY($1::uuid[])`, [hooked]);
    }
  });

  it('does not hide other errors behind the fallback', async () => {
    const d = await publish('bad input');
    await expect(deliveries.insertAndMarkRouted(new Map([[d, ['not-a-uuid']]]), { firstTime: true })).rejects.toThrow(/uuid/);
    expect(await entries(d)).toEqual([]);
    expect(await routed([d])).toBe(0);
  });
});
