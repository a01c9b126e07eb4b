import { createServer, type Server } from 'node:http';
import { DeliverProcessor } from '@isac/advisories';
import { bearer } from '../factories/bearer.js';
import { advisoryRequest, alertRequest } from '../factories/advisories.js';
import { startAdvisoryHub, startReceiver, type AdvisoryHub } from '../support/advisories-harness.js';

// ADVISORY_TEST_ENV: reconcile after 1 s, 4 attempts, back-off 100 ms doubling, 400 ms timeout
describe('advisory delivery at its edges', () => {
  let hub: AdvisoryHub;
  let energy: string;
  let centreAdmin: string;
  beforeAll(async () => {
    hub = await startAdvisoryHub();
    energy = await hub.key('energy', ['analyst', 'admin']);
    centreAdmin = await hub.key('centre', ['admin']);
  });
  afterAll(() => hub.close());

  const stateOf = async (id: string, slug: string) =>
    (await hub.db.query(`SELECT d.webhook_state AS state, d.webhook_attempts AS attempts, d.webhook_last_error AS error FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE d.advisory_id = $1 AND o.slug = $2`, [id, slug]))[0];

  it('20 requests with one Idempotency-Key at once: one advisory, every answer the same one', async () => {
    const request = advisoryRequest({ title: 'same key at once' });
    const answers = await Promise.all(Array.from({ length: 20 }, () => hub.http.post('/api/v1/advisories').set(bearer(energy)).set('Idempotency-Key', 'probe-concurrent-1').send(request)));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const [{ n }] = await hub.db.query(`SELECT count(*)::int AS n FROM advisories WHERE idempotency_key = 'probe-concurrent-1'`);
    expect(n).toBe(1);
  });

  it('one Idempotency-Key with two bodies at once: one advisory, the other request a 409', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => hub.http.post('/api/v1/advisories').set(bearer(energy)).set('Idempotency-Key', 'probe-concurrent-2').send(advisoryRequest({ title: `body ${i % 2}` }))),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => [200, 201, 409].includes(s))).toBe(true);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.code).toBe('ADVISORY.IDEMPOTENCY_MISMATCH');
    const [{ n }] = await hub.db.query(`SELECT count(*)::int AS n FROM advisories WHERE idempotency_key = 'probe-concurrent-2'`);
    expect(n).toBe(1);
  });

  it('webhook answering 3xx to another host: not followed, retried, dead-lettered; 410 likewise', async () => {
    let otherHostHits = 0;
    const other: Server = createServer((req, res) => {
      otherHostHits++;
      res.writeHead(200).end();
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.2', r));
    const otherUrl = `http://127.0.0.2:${(other.address() as { port: number }).port}/stolen`;
    const receiver = await startReceiver(() => 410);
    const redirector: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(307, { location: otherUrl }).end());
    });
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    try {
      const redirectUrl = `http://127.0.0.1:${(redirector.address() as { port: number }).port}/hook`;
      await hub.http.put('/api/v1/organisations/health/webhook').set(bearer(centreAdmin)).send({ url: redirectUrl, secret: 'probe-secret-0123456789' }).expect(200);
      await hub.http.put('/api/v1/organisations/finance/webhook').set(bearer(centreAdmin)).send({ url: receiver.url('/hook/gone'), secret: 'probe-secret-0123456789' }).expect(200);
      const { body } = await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ tlp: 'TLP:GREEN', audience: { organisations: ['health', 'finance'] } })).expect(201);
      await hub.until('both dead-lettered', async () => (await stateOf(body.id, 'health'))?.state === 'dead-lettered' && (await stateOf(body.id, 'finance'))?.state === 'dead-lettered', 20_000);
      expect(await stateOf(body.id, 'health')).toEqual({ state: 'dead-lettered', attempts: 4, error: 'the endpoint answered 307' });
      expect(await stateOf(body.id, 'finance')).toEqual({ state: 'dead-lettered', attempts: 4, error: 'the endpoint answered 410' });
      expect(otherHostHits).toBe(0);
    } finally {
      await receiver.close();
      await new Promise((r) => other.close(r));
      await new Promise((r) => redirector.close(r));
    }
  });

  it('a webhook URL changed while a push is retrying: the next try goes to the new URL', async () => {
    const receiver = await startReceiver((req) => (req.url === '/hook/old' ? 500 : 200));
    try {
      await hub.http.put('/api/v1/organisations/telecom/webhook').set(bearer(centreAdmin)).send({ url: receiver.url('/hook/old'), secret: 'probe-secret-0123456789' }).expect(200);
      const { body } = await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ tlp: 'TLP:GREEN', audience: { organisations: ['telecom'] } })).expect(201);
      await hub.until('first try failed', async () => receiver.received.some((r) => r.path === '/hook/old'));
      await hub.http.put('/api/v1/organisations/telecom/webhook').set(bearer(centreAdmin)).send({ url: receiver.url('/hook/new'), secret: 'probe-secret-0123456789' }).expect(200);
      await hub.until('delivered', async () => (await stateOf(body.id, 'telecom'))?.state === 'delivered');
      expect(receiver.received.filter((r) => r.path === '/hook/new')).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('a member added just before an advisory to its sector is published gets it in its inbox (the worker knows it)', async () => {
    // the worker has seen the network (its directory is warm)
    const warm = (await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ title: 'warm-up' })).expect(201)).body.id;
    await hub.until('warm-up routed', async () => (await hub.db.query(`SELECT routed_at FROM advisories WHERE id = $1`, [warm]))[0].routed_at !== null);
    await hub.http.post('/api/v1/organisations').set(bearer(energy)).send({ slug: 'newgrid', name: 'New Grid AS' }).expect(201);
    const { body } = await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ title: 'to the sector, new member included' })).expect(201);
    await hub.until('routed', async () => (await hub.db.query(`SELECT routed_at FROM advisories WHERE id = $1`, [body.id]))[0].routed_at !== null);
    const [{ recipient }] = await hub.db.query(`SELECT (SELECT id FROM organisations WHERE slug = 'newgrid') = ANY(recipient_org_ids) AS recipient FROM advisories WHERE id = $1`, [body.id]);
    expect(recipient).toBe(true);
    expect((await hub.inboxCount(body.id)).get('newgrid')).toBe(1);
  });

  it('a member added just before an advisory is forwarded to it gets the webhook push (the worker knows it)', async () => {
    const receiver = await startReceiver();
    try {
      const { body } = await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ title: 'to be forwarded' })).expect(201);
      await hub.until('routed', async () => (await hub.db.query(`SELECT routed_at FROM advisories WHERE id = $1`, [body.id]))[0].routed_at !== null);
      await hub.http.post('/api/v1/organisations').set(bearer(energy)).send({ slug: 'fwdgrid', name: 'Forwarded Grid AS' }).expect(201);
      await hub.http.put('/api/v1/organisations/fwdgrid/webhook').set(bearer(centreAdmin)).send({ url: receiver.url('/hook/fwdgrid'), secret: 'probe-secret-0123456789' }).expect(200);
      await hub.http.post(`/api/v1/advisories/${body.id}/forward`).set(bearer(energy)).send({ organisations: ['fwdgrid'] }).expect(200);
      await hub.until('push finished', async () => ['delivered', 'dead-lettered'].includes((await stateOf(body.id, 'fwdgrid'))?.state));
      expect(await stateOf(body.id, 'fwdgrid')).toEqual({ state: 'delivered', attempts: 1, error: null });
      expect(receiver.received.filter((r) => r.path === '/hook/fwdgrid')).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('an alert forwarded to a member of its audience before routing (the worker away): the member is still a routed recipient, escalated when overdue', async () => {
    await hub.stopWorker();
    let alertId: string;
    try {
      const centre = await hub.key('centre', ['analyst']);
      alertId = (await hub.http.post('/api/v1/alerts').set(bearer(centre)).send(alertRequest({ tlp: 'TLP:AMBER', audience: { sectors: ['energy'] } })).expect(201)).body.id;
      // energy reads it (it is a named recipient) and passes it to its member at once, before any worker routed it
      await hub.http.post(`/api/v1/advisories/${alertId}/forward`).set(bearer(energy)).send({ organisations: ['adatum'] }).expect(200);
    } finally {
      await hub.startWorker();
    }
    await hub.until('routed', async () => (await hub.db.query(`SELECT routed_at FROM advisories WHERE id = $1`, [alertId]))[0].routed_at !== null);
    expect(Object.fromEntries(await hub.inboxCount(alertId))).toMatchObject({ energy: 1, adatum: 1 });
    const [entry] = await hub.db.query(`SELECT d.via_org_id FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE d.advisory_id = $1 AND o.slug = 'adatum'`, [alertId]);
    expect(entry.via_org_id).toBeNull();
    await hub.db.query(`UPDATE advisories SET ack_deadline = now() - interval '1 minute' WHERE id = $1`, [alertId]);
    await hub.until('escalated', async () => (await hub.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE advisory_id = $1 AND escalated_at IS NOT NULL`, [alertId]))[0].n > 0);
    const escalated: { slug: string }[] = await hub.db.query(`SELECT o.slug FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE d.advisory_id = $1 AND d.escalated_at IS NOT NULL`, [alertId]);
    expect(escalated.map((e) => e.slug)).toContain('adatum');
  });

  it('a member added after an advisory to its sector was routed: no inbox entry (the audience is frozen at publication), but AMBER lets it read it as a client of its unit; AMBER+STRICT does not', async () => {
    const amber = (await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ title: 'before the newcomer' })).expect(201)).body.id;
    // AMBER+STRICT names organisations only: the centre to the energy unit
    const centre = await hub.key('centre', ['analyst']);
    const strict = (await hub.http.post('/api/v1/advisories').set(bearer(centre)).send(advisoryRequest({ title: 'strict, before the newcomer', tlp: 'TLP:AMBER+STRICT', audience: { organisations: ['energy'] } })).expect(201)).body.id;
    await hub.until('routed', async () => (await hub.db.query(`SELECT count(*)::int AS n FROM advisories WHERE id = ANY($1) AND routed_at IS NOT NULL`, [[amber, strict]]))[0].n === 2);
    await hub.http.post('/api/v1/organisations').set(bearer(energy)).send({ slug: 'lategrid', name: 'Late Grid AS' }).expect(201);
    const late = await hub.key('lategrid', ['analyst']);
    const inbox = (await hub.http.get('/api/v1/inbox').set(bearer(late)).expect(200)).body.entries;
    expect(inbox.map((e: { advisory: { id: string } }) => e.advisory.id)).not.toEqual(expect.arrayContaining([amber]));
    expect((await hub.inboxCount(amber)).get('lategrid')).toBeUndefined();
    await hub.http.get(`/api/v1/advisories/${amber}`).set(bearer(late)).expect(200);
    expect((await hub.http.get(`/api/v1/advisories/${strict}`).set(bearer(late)).expect(404)).body.code).toBe('ADVISORY.NOT_FOUND');
  });

  it('a push queued again after Redis lost its queues counts on from the tries PostgreSQL recorded: no extra tries, no under-count', async () => {
    const receiver = await startReceiver(() => 503);
    try {
      await hub.http.put('/api/v1/organisations/transport/webhook').set(bearer(centreAdmin)).send({ url: receiver.url('/hook/down'), secret: 'probe-secret-0123456789' }).expect(200);
      const id = (await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ title: 'to a failing hook', audience: { organisations: ['transport'] } })).expect(201)).body.id;
      await hub.until('dead-lettered', async () => (await stateOf(id, 'transport'))?.state === 'dead-lettered');
      expect(await stateOf(id, 'transport')).toMatchObject({ attempts: 4 });
      // as the reconciler finds it after Redis lost the job: pending in PostgreSQL with three tries
      // made, queued again as a new job whose BullMQ count starts at 0
      const [{ org_id: orgId }] = await hub.db.query(`SELECT id AS org_id FROM organisations WHERE slug = 'transport'`);
      await hub.db.query(`UPDATE deliveries SET webhook_state = 'pending', webhook_attempts = 3 WHERE advisory_id = $1 AND org_id = $2`, [id, orgId]);
      const hits = receiver.received.length;
      const worker = await hub.startWorker();
      const requeued = { id: `${id}:${orgId}`, name: 'push' as const, data: { advisoryId: id, orgId }, attemptsMade: 0, timestamp: Date.now() };
      await expect(worker.get(DeliverProcessor).handle(requeued)).resolves.toBe('dead-lettered');
      expect(receiver.received.length).toBe(hits + 1);
      expect(await stateOf(id, 'transport')).toMatchObject({ state: 'dead-lettered', attempts: 4, error: 'the endpoint answered 503' });
    } finally {
      await receiver.close();
    }
  });
});
