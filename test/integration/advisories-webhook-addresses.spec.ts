// Webhooks reach only the addresses the policy allows, on a hub with the default configuration
// (WEBHOOK_ALLOWED_NETWORKS empty: public addresses only). The worker makes the requests from inside
// the hub's network, so a webhook must not become a way to its own machine or a metadata endpoint.
import { WEBHOOK_FAILURE_WITHHELD } from '@isac/advisories';
import { NetworkDirectory } from '@isac/organisations';
import { advisoryRequest } from '../factories/advisories.js';
import { bearer } from '../factories/bearer.js';
import { startAdvisoryHub, startReceiver, type AdvisoryHub } from '../support/advisories-harness.js';

const SECRET = 'webhook-secret-0123456789';

describe('webhook addresses', () => {
  let hub: AdvisoryHub;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let centreAdmin: string;
  let energy: string;
  let centreAnalyst: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    hub = await startAdvisoryHub({ env: { WEBHOOK_ALLOWED_NETWORKS: '' } });
    centreAdmin = await hub.key('centre', ['admin']);
    energy = await hub.key('energy', ['analyst']);
    centreAnalyst = await hub.key('centre', ['analyst']);
  });
  afterAll(async () => {
    await hub.close();
    await receiver.close();
  });

  it.each([
    ['the loopback address', 'http://127.0.0.1:6379/', '127.0.0.1 is not a public address'],
    ['IPv6 loopback', 'http://[::1]:5432/', '::1 is not a public address'],
    ['a cloud metadata endpoint', 'http://169.254.169.254/latest/meta-data/', '169.254.169.254 is not a public address'],
    ['a private network', 'https://10.1.2.3/hook', '10.1.2.3 is not a public address'],
    ['a name of this machine', 'http://localhost:3000/hook', 'localhost resolves to '],
  ])('refuses a webhook pointing at %s (422, pointer /url)', async (_what, url, detail) => {
    const res = await hub.http.put('/api/v1/organisations/health/webhook').set(bearer(centreAdmin)).send({ url, secret: SECRET });
    expect([res.status, res.body.code]).toEqual([422, 'WEBHOOK.ADDRESS_REFUSED']);
    expect(res.body.errors).toEqual([{ pointer: '/url', detail: expect.stringContaining(detail) }]);
    expect(await hub.db.query(`SELECT url FROM webhooks`)).toEqual([]);
  });

  it('refuses a name that does not resolve', async () => {
    const res = await hub.http.put('/api/v1/organisations/health/webhook').set(bearer(centreAdmin)).send({ url: 'https://no-such-host.invalid/hook', secret: SECRET });
    expect([res.status, res.body.code]).toEqual([422, 'WEBHOOK.ADDRESS_REFUSED']);
    expect(res.body.errors[0].detail).toContain('no-such-host.invalid does not resolve');
  });

  it('dead-letters at once, without a request, a push whose address became refused since it was set', async () => {
    // as if the name had resolved to a public address when the webhook was set (or the rule changed since)
    const network = await hub.app.get(NetworkDirectory).network();
    await hub.db.query(`INSERT INTO webhooks (org_id, url, secret) VALUES ($1, $2, $4), ($3, $5, $4)`, [
      network.bySlug('health')!.id,
      receiver.url('/hook/health'),
      network.bySlug('finance')!.id,
      SECRET,
      receiver.url('/hook/finance').replace('127.0.0.1', 'localhost'),
    ]);
    type Receipt = { organisation: { slug: string }; webhook: { state: string; attempts: number; lastError: string | null } };
    const publishAs = async (key: string) =>
      (await hub.http.post('/api/v1/advisories').set(bearer(key)).send(advisoryRequest({ tlp: 'TLP:GREEN', audience: { organisations: ['health', 'finance'] } })).expect(201))
        .body.id as string;
    const receipts = async (key: string, id: string) => (await hub.http.get(`/api/v1/advisories/${id}`).set(bearer(key)).expect(200)).body.receipts as Receipt[];
    const deadLettered = async (key: string, id: string) => {
      await hub.until('both dead-lettered', async () => (await receipts(key, id)).filter((r) => r.webhook?.state === 'dead-lettered').length === 2);
      return Object.fromEntries((await receipts(key, id)).map((r) => [r.organisation.slug, r.webhook]));
    };
    // the centre, which runs the hub and helps members mend their endpoints, is told why
    const centreId = await publishAs(centreAnalyst);
    const forCentre = await deadLettered(centreAnalyst, centreId);
    expect(forCentre.health).toEqual({ state: 'dead-lettered', attempts: 1, lastError: '127.0.0.1 is not a public address, and no network in WEBHOOK_ALLOWED_NETWORKS holds it' });
    expect(forCentre.finance).toEqual({ state: 'dead-lettered', attempts: 1, lastError: expect.stringMatching(/^localhost resolves to (127\.0\.0\.1|::1) is not a public address/) });
    // another author learns that a push failed, never where another organisation's webhook points
    const energyId = await publishAs(energy);
    const forEnergy = await deadLettered(energy, energyId);
    for (const slug of ['health', 'finance']) {
      expect(forEnergy[slug]).toEqual({ state: 'dead-lettered', attempts: 1, lastError: WEBHOOK_FAILURE_WITHHELD });
    }
    expect(JSON.stringify(forEnergy)).not.toMatch(/127\.0\.0\.1|localhost|::1|WEBHOOK_ALLOWED_NETWORKS/);
    expect(receiver.received).toEqual([]);
    // the inbox entries are there regardless
    expect(Object.fromEntries(await hub.inboxCount(energyId))).toEqual({ health: 1, finance: 1 });
  });
});
