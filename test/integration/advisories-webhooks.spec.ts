import { verifyWebhookSignature, WEBHOOK_FAILURE_WITHHELD } from '@isac/advisories';
import { bearer } from '../factories/bearer.js';
import { advisoryRequest } from '../factories/advisories.js';
import { startAdvisoryHub, startReceiver, type AdvisoryHub } from '../support/advisories-harness.js';

// ADVISORY_TEST_ENV: 4 attempts, back-off 100 ms doubling, 400 ms timeout
const SECRET = 'webhook-secret-0123456789';

describe('webhook pushes', () => {
  let hub: AdvisoryHub;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let energy: string;
  const script: Record<string, (n: number) => number | 'hang'> = {};

  beforeAll(async () => {
    receiver = await startReceiver((req, n) => script[req.url ?? '']?.(n) ?? 200);
    hub = await startAdvisoryHub();
    energy = await hub.key('energy', ['analyst']);
    const centreAdmin = await hub.key('centre', ['admin']);
    for (const slug of ['health', 'finance', 'telecom', 'adatum']) {
      await hub.http.put(`/api/v1/organisations/${slug}/webhook`).set(bearer(centreAdmin)).send({ url: receiver.url(`/hook/${slug}`), secret: SECRET }).expect(200);
    }
  });
  afterAll(async () => {
    await hub.close();
    await receiver.close();
  });

  const receipt = async (id: string, slug: string) =>
    (await hub.http.get(`/api/v1/advisories/${id}`).set(bearer(energy)).expect(200)).body.receipts.find((r: { organisation: { slug: string } }) => r.organisation.slug === slug);

  it('retries a 500 and a timeout with back-off, then delivers; the receipt shows it', async () => {
    script['/hook/health'] = (n) => (n === 1 ? 500 : n === 2 ? 'hang' : 200);
    const { body } = await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ audience: { organisations: ['health'] } })).expect(201);
    await hub.until('delivered', async () => (await receipt(body.id, 'health'))?.webhook?.state === 'delivered');
    expect((await receipt(body.id, 'health')).webhook).toEqual({ state: 'delivered', attempts: 3, lastError: null });
    const tries = receiver.received.filter((r) => r.path === '/hook/health');
    expect(tries).toHaveLength(3);
    for (const t of tries) expect(verifyWebhookSignature(SECRET, t.signature, t.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(JSON.parse(tries[2].body)).toMatchObject({ deliveryId: body.id, advisory: { id: body.id, tlp: 'TLP:AMBER' } });
    expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(100);
    expect(tries[2].at - tries[1].at).toBeGreaterThanOrEqual(400 + 200); // the timeout, then the doubled back-off
  });

  it('dead-letters a push that fails every try and reports it in the receipts', async () => {
    script['/hook/finance'] = () => 500;
    const { body } = await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ tlp: 'TLP:GREEN', audience: { organisations: ['finance'] } })).expect(201);
    await hub.until('dead-lettered', async () => (await receipt(body.id, 'finance'))?.webhook?.state === 'dead-lettered');
    // energy is told that the push failed, not what finance's endpoint answered (the centre is: webhook addresses spec)
    expect((await receipt(body.id, 'finance')).webhook).toEqual({ state: 'dead-lettered', attempts: 4, lastError: WEBHOOK_FAILURE_WITHHELD });
    const [{ reason }] = await hub.db.query(`SELECT webhook_last_error AS reason FROM deliveries WHERE advisory_id = $1`, [body.id]);
    expect(reason).toBe('the endpoint answered 500');
    // the inbox entry is there regardless of the webhook
    expect(Object.fromEntries(await hub.inboxCount(body.id))).toEqual({ finance: 1 });
    await new Promise((r) => setTimeout(r, 1500)); // past RECONCILE_AFTER_MS: a dead letter is not re-driven
    expect(receiver.received.filter((r) => r.path === '/hook/finance' && JSON.parse(r.body).advisory.id === body.id)).toHaveLength(4);
  });

  it('a sector whose endpoint hangs never holds up the other sectors', async () => {
    script['/hook/telecom'] = () => 'hang';
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push((await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ title: `lane ${i}`, audience: { organisations: ['telecom', 'adatum'] } })).expect(201)).body.id);
    }
    const states = async (slug: string) =>
      (await hub.db.query(
        `SELECT d.webhook_state AS state FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE o.slug = $1 AND d.advisory_id = ANY($2)`,
        [slug, ids],
      )).map((r: { state: string }) => r.state);
    await hub.until('adatum delivered', async () => (await states('adatum')).filter((s: string) => s === 'delivered').length === ids.length, 10_000);
    // energy's lane finished, each push at its first try, while telecom's lane is still retrying its hanging endpoint
    // (a telecom push needs ≥ 4 × 400 ms timeouts + 700 ms back-off before it can be dead-lettered)
    const telecom = await states('telecom');
    expect(telecom.filter((s: string) => s === 'pending').length).toBeGreaterThan(0);
    const [{ retried }] = await hub.db.query(
      `SELECT count(*)::int AS retried FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE o.slug = 'adatum' AND d.advisory_id = ANY($1) AND d.webhook_attempts <> 1`,
      [ids],
    );
    expect(retried).toBe(0);
    await hub.until('telecom dead-lettered', async () => (await states('telecom')).every((s: string) => s === 'dead-lettered'), 20_000);
  });
});
