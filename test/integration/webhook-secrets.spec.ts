// Webhook secrets at rest: sealed with WEBHOOK_SECRET_KEY, so the database (a dump, a backup)
// never holds one in clear; pushes are still signed with the secret itself, rows written in clear
// before the change still sign, and no answer, log line or audit row carries a secret.
import { jest } from '@jest/globals';
import { verifyWebhookSignature, WEBHOOK_FAILURE_WITHHELD } from '@isac/advisories';
import { bearer } from '../factories/bearer.js';
import { advisoryRequest } from '../factories/advisories.js';
import { startAdvisoryHub, startReceiver, type AdvisoryHub } from '../support/advisories-harness.js';

const SECRET = 'health-webhook-secret-5b1f0e';
const LEGACY_SECRET = 'finance-secret-stored-in-clear';

describe('webhook secrets at rest', () => {
  let hub: AdvisoryHub;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let energy: string;
  let centreAdmin: string;
  const logged: string[] = [];
  const capture = (stream: NodeJS.WriteStream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
      logged.push(String(chunk));
      return true;
    });
  let spies: ReturnType<typeof capture>[] = [];

  beforeAll(async () => {
    receiver = await startReceiver();
    // every log line the API and the worker write, at the most talkative level
    spies = [capture(process.stdout), capture(process.stderr)];
    hub = await startAdvisoryHub({ env: { LOG_LEVEL: 'trace' } });
    energy = await hub.key('energy', ['analyst']);
    centreAdmin = await hub.key('centre', ['admin']);
  });
  afterAll(async () => {
    await hub.close();
    await receiver.close();
    for (const spy of spies) spy.mockRestore();
  });

  const receipt = async (id: string, slug: string) =>
    (await hub.http.get(`/api/v1/advisories/${id}`).set(bearer(energy)).expect(200)).body.receipts.find((r: { organisation: { slug: string } }) => r.organisation.slug === slug);
  const publishTo = async (slug: string) =>
    (await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ audience: { organisations: [slug] } })).expect(201)).body.id as string;
  const storedSecret = async (slug: string) =>
    (await hub.db.query(`SELECT w.secret FROM webhooks w JOIN organisations o ON o.id = w.org_id WHERE o.slug = $1`, [slug]))[0].secret as string;

  it('stores the secret sealed, signs pushes with the secret itself, and no answer, log, audit or other row holds it', async () => {
    const put = await hub.http.put('/api/v1/organisations/health/webhook').set(bearer(centreAdmin)).send({ url: receiver.url('/hook/health'), secret: SECRET }).expect(200);
    expect(JSON.stringify(put.body)).not.toContain(SECRET);
    expect(put.body).toEqual({ organisation: 'health', url: receiver.url('/hook/health'), updatedAt: expect.any(String) });
    const stored = await storedSecret('health');
    expect(stored).toMatch(/^enc:v1:[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);

    const id = await publishTo('health');
    await hub.until('delivered', async () => (await receipt(id, 'health'))?.webhook?.state === 'delivered');
    const push = receiver.received.find((r) => r.path === '/hook/health')!;
    expect(verifyWebhookSignature(SECRET, push.signature, push.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(push.body).not.toContain(SECRET);

    // every row of every table, audit log included
    const tables: { name: string }[] = await hub.db.query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['webhooks', 'audit_log', 'deliveries']));
    const holding: string[] = [];
    for (const { name } of tables) {
      const [{ n }] = await hub.db.query(`SELECT count(*)::int AS n FROM "${name}" t WHERE t::text LIKE '%' || $1 || '%'`, [SECRET]);
      if (n > 0) holding.push(name);
    }
    expect(holding).toEqual([]);
    expect(logged.some((line) => line.includes('"msg":"request"'))).toBe(true);
    expect(logged.filter((line) => line.includes(SECRET))).toEqual([]);
  });

  it('a secret written in clear before sealing still signs, and is sealed when the webhook is next set', async () => {
    await hub.http.put('/api/v1/organisations/finance/webhook').set(bearer(centreAdmin)).send({ url: receiver.url('/hook/finance'), secret: 'replaced-below-0000' }).expect(200);
    // the row as the hub wrote it before: the secret in clear
    await hub.db.query(`UPDATE webhooks SET secret = $1 WHERE org_id = (SELECT id FROM organisations WHERE slug = 'finance')`, [LEGACY_SECRET]);
    const id = await publishTo('finance');
    await hub.until('delivered', async () => (await receipt(id, 'finance'))?.webhook?.state === 'delivered');
    const push = receiver.received.find((r) => r.path === '/hook/finance' && JSON.parse(r.body).deliveryId === id)!;
    expect(verifyWebhookSignature(LEGACY_SECRET, push.signature, push.body, Math.floor(Date.now() / 1000))).toBe(true);

    await hub.http.put('/api/v1/organisations/finance/webhook').set(bearer(centreAdmin)).send({ url: receiver.url('/hook/finance'), secret: LEGACY_SECRET }).expect(200);
    expect(await storedSecret('finance')).toMatch(/^enc:v1:/);
    expect(await storedSecret('finance')).not.toContain(LEGACY_SECRET);
  });

  it('a worker starting seals the secrets left in clear; they sign as before', async () => {
    const CLEAR = 'shipping-secret-left-in-clear';
    await hub.http.put('/api/v1/organisations/shipping/webhook').set(bearer(centreAdmin)).send({ url: receiver.url('/hook/shipping'), secret: 'replaced-below-1111' }).expect(200);
    await hub.db.query(`UPDATE webhooks SET secret = $1 WHERE org_id = (SELECT id FROM organisations WHERE slug = 'shipping')`, [CLEAR]);
    await hub.stopWorker();
    await hub.startWorker();
    expect(await storedSecret('shipping')).toMatch(/^enc:v1:/);
    const [{ clear }] = await hub.db.query(`SELECT count(*)::int AS clear FROM webhooks WHERE secret NOT LIKE 'enc:v1:%'`);
    expect(clear).toBe(0);
    const id = await publishTo('shipping');
    await hub.until('delivered', async () => (await receipt(id, 'shipping'))?.webhook?.state === 'delivered');
    const push = receiver.received.find((r) => r.path === '/hook/shipping' && JSON.parse(r.body).deliveryId === id)!;
    expect(verifyWebhookSignature(CLEAR, push.signature, push.body, Math.floor(Date.now() / 1000))).toBe(true);
  });

  it("a sealed secret copied onto another organisation's row does not open: no push is signed with it", async () => {
    await hub.http.put('/api/v1/organisations/telecom/webhook').set(bearer(centreAdmin)).send({ url: receiver.url('/hook/telecom'), secret: 'telecom-secret-000000' }).expect(200);
    await hub.db.query(`UPDATE webhooks SET secret = $1 WHERE org_id = (SELECT id FROM organisations WHERE slug = 'telecom')`, [await storedSecret('health')]);
    const id = await publishTo('telecom');
    await hub.until('dead-lettered', async () => (await receipt(id, 'telecom'))?.webhook?.state === 'dead-lettered');
    expect((await receipt(id, 'telecom')).webhook).toEqual({ state: 'dead-lettered', attempts: 4, lastError: WEBHOOK_FAILURE_WITHHELD });
    const [{ reason }] = await hub.db.query(`SELECT webhook_last_error AS reason FROM deliveries WHERE advisory_id = $1`, [id]);
    expect(reason).toContain('does not open with WEBHOOK_SECRET_KEY');
    expect(receiver.received.filter((r) => r.path === '/hook/telecom')).toEqual([]);
  });
});
