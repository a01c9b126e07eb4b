import { randomUUID } from 'node:crypto';
import { AdvisoryQueriesService } from '@isac/advisories';
import { bearer } from '../factories/bearer.js';
import { advisoryRequest, alertRequest } from '../factories/advisories.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

describe('advisories: publish, route, inbox, receipts', () => {
  let hub: AdvisoryHub;
  let energy: string;
  let health: string;
  let litware: string;
  beforeAll(async () => {
    hub = await startAdvisoryHub();
    energy = await hub.key('energy', ['analyst']);
    health = await hub.key('health', ['analyst']);
    litware = await hub.key('litware', ['analyst']);
  });
  afterAll(() => hub.close());

  const routed = (id: string) => hub.until(`routing of ${id}`, async () => (await hub.db.query(`SELECT routed_at FROM advisories WHERE id = $1`, [id]))[0]?.routed_at != null);

  it('publishes, routes one inbox entry to each organisation of the audience, none to others, and shows receipts to the author', async () => {
    const res = await hub.http.post('/api/v1/advisories').set(bearer(health)).send(advisoryRequest({ audience: { sectors: ['energy'], organisations: ['finance'] } })).expect(201);
    expect(res.body).toMatchObject({ kind: 'advisory', tlp: 'TLP:AMBER', severity: 'high', author: { slug: 'health' }, requiresAck: false });
    await routed(res.body.id);
    const counts = await hub.inboxCount(res.body.id);
    expect(Object.fromEntries(counts)).toEqual({ energy: 1, adatum: 1, litware: 1, 'northwind-power': 1, finance: 1 });

    const inbox = await hub.http.get('/api/v1/inbox').set(bearer(litware)).expect(200);
    const entry = inbox.body.entries.find((e: { advisory: { id: string } }) => e.advisory.id === res.body.id);
    expect(entry).toMatchObject({ readAt: null, acknowledgedAt: null, forwardedBy: null, advisory: { title: res.body.title } });
    // within an inbox an entry is named by its advisory
    expect(entry.id).toBe(res.body.id);
    expect((await hub.http.post(`/api/v1/inbox/${entry.id}/read`).set(bearer(litware)).expect(200)).body.readAt).not.toBeNull();
    // an advisory that asks for no acknowledgement is not acknowledged by an ack: the entry is read, the answer says why
    const litwareAck = await hub.http.post(`/api/v1/inbox/${entry.id}/ack`).set(bearer(litware)).expect(200);
    expect(litwareAck.body).toEqual({ id: res.body.id, advisoryId: res.body.id, requiresAck: false, readAt: expect.any(String), acknowledgedAt: null });
    // an advisory not in the caller's inbox is not found, whatever it is: its author has no entry of it
    expect((await hub.http.post(`/api/v1/inbox/${entry.id}/ack`).set(bearer(health)).expect(404)).body.code).toBe('INBOX.NOT_FOUND');
    expect((await hub.http.post(`/api/v1/inbox/${randomUUID()}/ack`).set(bearer(litware)).expect(404)).body.code).toBe('INBOX.NOT_FOUND');
    expect((await hub.http.post(`/api/v1/inbox/not-a-uuid/read`).set(bearer(energy)).expect(404)).body.code).toBe('INBOX.NOT_FOUND');
    // another recipient using the same id reads its own entry only: litware's receipt stays as it was
    const receiptsOf = async () => new Map<string, { read_at: Date | null; acked_at: Date | null }>(
      (await hub.db.query(`SELECT o.slug, d.read_at, d.acked_at FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE d.advisory_id = $1`, [res.body.id])).map((r: { slug: string; read_at: Date | null; acked_at: Date | null }) => [r.slug, r]),
    );
    const beforeEnergy = await receiptsOf();
    expect(beforeEnergy.get('energy')).toMatchObject({ read_at: null, acked_at: null });
    expect((await hub.http.post(`/api/v1/inbox/${entry.id}/read`).set(bearer(energy)).expect(200)).body).toMatchObject({ id: res.body.id, readAt: expect.any(String), acknowledgedAt: null });
    const afterEnergy = await receiptsOf();
    expect(afterEnergy.get('energy')).toMatchObject({ read_at: expect.any(Date), acked_at: null });
    expect(afterEnergy.get('litware')).toEqual(beforeEnergy.get('litware'));
    expect(afterEnergy.get('finance')).toMatchObject({ read_at: null, acked_at: null });

    const asAuthor = await hub.http.get(`/api/v1/advisories/${res.body.id}`).set(bearer(health)).expect(200);
    expect(asAuthor.body.routed).toBe(true);
    expect(asAuthor.body.receipts).toHaveLength(5);
    expect(asAuthor.body.receipts.find((r: { organisation: { slug: string } }) => r.organisation.slug === 'litware')).toMatchObject({ readAt: expect.any(String), acknowledgedAt: null, webhook: null });
    const asRecipient = await hub.http.get(`/api/v1/advisories/${res.body.id}`).set(bearer(litware)).expect(200);
    expect(asRecipient.body.receipts).toBeUndefined();
  });

  it('makes retries with the same Idempotency-Key return the same advisory, and refuses the key with another body (409)', async () => {
    const body = advisoryRequest({ title: 'idempotent' });
    const first = await hub.http.post('/api/v1/advisories').set(bearer(energy)).set('Idempotency-Key', 'k-1').send(body).expect(201);
    const again = await hub.http.post('/api/v1/advisories').set(bearer(energy)).set('Idempotency-Key', 'k-1').send(body).expect(200);
    expect(again.body.id).toBe(first.body.id);
    const other = await hub.http.post('/api/v1/advisories').set(bearer(energy)).set('Idempotency-Key', 'k-1').send({ ...body, title: 'other' }).expect(409);
    expect(other.body.code).toBe('ADVISORY.IDEMPOTENCY_MISMATCH');
    const count = await hub.db.query(`SELECT count(*)::int AS n FROM advisories WHERE idempotency_key = 'k-1'`);
    expect(count[0].n).toBe(1);
    // another organisation may use the same key for its own advisory
    const theirs = await hub.http.post('/api/v1/advisories').set(bearer(health)).set('Idempotency-Key', 'k-1').send(body).expect(201);
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it('refuses bad requests with the problem code and the pointer', async () => {
    const post = (body: object, key = energy) => hub.http.post('/api/v1/advisories').set(bearer(key)).send(body);
    const { tlp: _tlp, ...unmarked } = advisoryRequest();
    let res = await post(unmarked).expect(400);
    expect(res.body).toMatchObject({ code: 'ADVISORY.INVALID', errors: [{ pointer: '/tlp', code: 'TLP.MISSING' }] });
    res = await post(advisoryRequest({ tlp: 'AMBER' })).expect(400);
    expect(res.body.errors[0]).toMatchObject({ pointer: '/tlp', code: 'TLP.INVALID' });
    res = await post(advisoryRequest({ tlp: 'TLP:RED', audience: { sectors: ['health'] } })).expect(403);
    expect(res.body).toMatchObject({ code: 'ADVISORY.TLP_VIOLATION', errors: [{ pointer: '/audience', code: 'TLP.AUDIENCE_NOT_NAMED' }] });
    res = await post(advisoryRequest({ tlp: 'TLP:AMBER+STRICT', audience: { all: true, organisations: ['health'] } })).expect(403);
    expect(res.body.code).toBe('ADVISORY.TLP_VIOLATION');
    res = await post(advisoryRequest({ audience: { sectors: ['space'], organisations: ['health', 'nobody'] } })).expect(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/audience/sectors/0', '/audience/organisations/1']);
    res = await post(advisoryRequest({ audience: {} })).expect(400);
    expect(res.body.errors[0].pointer).toBe('/audience');
    res = await post(advisoryRequest({ audience: { sectors: 'energy' } })).expect(400);
    expect(res.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(new Set(res.body.errors.map((e: { pointer: string }) => e.pointer))).toEqual(new Set(['/audience/sectors']));
    res = await post(advisoryRequest({ severity: 'apocalyptic', title: '' })).expect(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/severity', '/title']);
    res = await post(advisoryRequest({ stix: [{ type: 'indicator', id: 'indicator--nope' }] })).expect(400);
    expect(res.body.code).toBe('ADVISORY.INVALID');
    expect(res.body.errors.every((e: { pointer: string }) => e.pointer.startsWith('/stix/0'))).toBe(true);
    res = await post(advisoryRequest(), await hub.key('energy', ['reporter'])).expect(403);
    expect(res.body.code).toBe('AUTH.ROLE_REQUIRED');
    res = await hub.http.post('/api/v1/advisories').send(advisoryRequest()).expect(401);
    expect(res.body.code).toBe('AUTH.UNAUTHENTICATED');
    res = await hub.http.post('/api/v1/advisories').set(bearer(energy)).set('Idempotency-Key', 'x'.repeat(201)).send(advisoryRequest()).expect(400);
    expect(res.body.code).toBe('ADVISORY.INVALID');
    expect((await hub.http.get('/api/v1/advisories/00000000-0000-4000-8000-000000000000').set(bearer(energy)).expect(404)).body.code).toBe('ADVISORY.NOT_FOUND');
    expect((await hub.http.get('/api/v1/advisories/abc').set(bearer(energy)).expect(404)).body.code).toBe('ADVISORY.NOT_FOUND');
  });

  it('accepts valid STIX objects with the advisory', async () => {
    const indicator = {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      created: '2026-11-01T10:00:00.000Z',
      modified: '2026-11-01T10:00:00.000Z',
      pattern: "[ipv4-addr:value = '198.51.100.7']",
      pattern_type: 'stix',
      valid_from: '2026-11-01T10:00:00Z',
    };
    const res = await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ stix: [indicator] })).expect(201);
    expect(res.body.stix).toEqual([indicator]);
  });

  it('lets only the centre issue alerts, with an acknowledgement deadline', async () => {
    const centre = await hub.key('centre', ['analyst']);
    let res = await hub.http.post('/api/v1/alerts').set(bearer(energy)).send(alertRequest()).expect(403);
    expect(res.body.code).toBe('ALERT.NOT_CENTRE');
    res = await hub.http.post('/api/v1/alerts').set(bearer(centre)).send(alertRequest({ ackDeadline: '2020-01-01T00:00:00Z' })).expect(400);
    expect(res.body).toMatchObject({ code: 'ALERT.INVALID', errors: [{ pointer: '/ackDeadline' }] });
    res = await hub.http.post('/api/v1/alerts').set(bearer(centre)).send(alertRequest({ ackDeadline: 'tomorrow' })).expect(400);
    expect(res.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', errors: [expect.objectContaining({ pointer: '/ackDeadline' })] });
    res = await hub.http.post('/api/v1/alerts').set(bearer(centre)).send(alertRequest()).expect(201);
    expect(res.body).toMatchObject({ kind: 'alert', requiresAck: true, author: { slug: 'centre' } });
    await routed(res.body.id);
    const counts = await hub.inboxCount(res.body.id);
    const [{ n }] = await hub.db.query(`SELECT count(*)::int AS n FROM organisations WHERE kind <> 'centre'`);
    expect(counts.size).toBe(n); // the whole seeded network but the centre itself
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(counts.has('centre')).toBe(false);
  });

  it('issues an alert that asks for no acknowledgement without a deadline, and still wants one from an alert that does', async () => {
    const centre = await hub.key('centre', ['analyst']);
    const { ackDeadline, ...noDeadline }: Record<string, unknown> = alertRequest({ title: 'Storm warning', severity: 'low', requiresAck: false });
    expect(ackDeadline).toEqual(expect.any(String));
    let res = await hub.http.post('/api/v1/alerts').set(bearer(centre)).send(noDeadline).expect(201);
    expect(res.body).toMatchObject({ kind: 'alert', requiresAck: false, ackDeadline: null, expiresAt: expect.any(String) });
    // without a deadline the expiry is checked against now
    res = await hub.http.post('/api/v1/alerts').set(bearer(centre)).send({ ...noDeadline, expiresAt: '2020-01-01T00:00:00Z' }).expect(400);
    expect(res.body).toMatchObject({ code: 'ALERT.INVALID', errors: [{ pointer: '/expiresAt' }] });
    // rough edge 12: asking for acknowledgement without times takes the console's defaults, 4 hours to acknowledge, 7 days current
    const { requiresAck, expiresAt, ...acked } = noDeadline;
    expect(requiresAck).toBe(false);
    expect(expiresAt).toEqual(expect.any(String));
    const before = Date.now();
    res = await hub.http.post('/api/v1/alerts').set(bearer(centre)).send({ ...acked, requiresAck: true }).expect(201);
    expect(res.body).toMatchObject({ kind: 'alert', requiresAck: true });
    const hour = 3_600_000;
    expect(Date.parse(res.body.ackDeadline) - before).toBeGreaterThanOrEqual(4 * hour - 1000);
    expect(Date.parse(res.body.ackDeadline) - before).toBeLessThan(4 * hour + 60_000);
    expect(Date.parse(res.body.expiresAt) - before).toBeGreaterThanOrEqual(7 * 24 * hour - 1000);
    expect(Date.parse(res.body.expiresAt) - before).toBeLessThan(7 * 24 * hour + 60_000);
    // a deadline that is given is checked even without acknowledgement
    res = await hub.http.post('/api/v1/alerts').set(bearer(centre)).send({ ...noDeadline, ackDeadline: '' }).expect(400);
    expect(res.body.code).toBe('REQUEST.VALIDATION_FAILED');
  });

  it('lists the entries still waiting (?pending=true): unread ones and alerts not acknowledged yet, not what was read or acknowledged', async () => {
    const centre = await hub.key('centre', ['analyst']);
    const to = { audience: { organisations: ['coho'] } };
    const coho = await hub.key('coho', ['analyst']);
    const unread = (await hub.http.post('/api/v1/advisories').set(bearer(health)).send(advisoryRequest({ ...to, title: 'pending: unread' })).expect(201)).body.id;
    const read = (await hub.http.post('/api/v1/advisories').set(bearer(health)).send(advisoryRequest({ ...to, title: 'pending: read' })).expect(201)).body.id;
    const readAlert = (await hub.http.post('/api/v1/alerts').set(bearer(centre)).send(alertRequest({ ...to, title: 'pending: alert read, not acknowledged' })).expect(201)).body.id;
    const ackedAlert = (await hub.http.post('/api/v1/alerts').set(bearer(centre)).send(alertRequest({ ...to, title: 'pending: alert acknowledged' })).expect(201)).body.id;
    for (const id of [unread, read, readAlert, ackedAlert]) await routed(id);
    await hub.http.post(`/api/v1/inbox/${read}/read`).set(bearer(coho)).expect(200);
    await hub.http.post(`/api/v1/inbox/${readAlert}/read`).set(bearer(coho)).expect(200);
    await hub.http.post(`/api/v1/inbox/${ackedAlert}/ack`).set(bearer(coho)).expect(200);
    // earlier tests' alerts to everyone are in coho's inbox too: only this test's four are looked at
    const mine = new Set([unread, read, readAlert, ackedAlert]);
    const ids = async (query: string) => (await hub.http.get(`/api/v1/inbox?${query}`).set(bearer(coho)).expect(200)).body.entries.map((e: { id: string }) => e.id).filter((id: string) => mine.has(id)).sort();
    expect(await ids('pending=true')).toEqual([unread, readAlert].sort());
    expect(await ids('unread=true')).toEqual([unread]);
    expect(await ids('pending=false')).toEqual([unread, read, readAlert, ackedAlert].sort());
  });

  it('escalates an alert nobody acknowledged by its deadline: a reminder to the recipient, the escalation in the receipts', async () => {
    const centre = await hub.key('centre', ['analyst']);
    const soon = new Date(Date.now() + 1500).toISOString();
    const res = await hub.http.post('/api/v1/alerts').set(bearer(centre)).send(alertRequest({ title: 'Wiper on grid controllers', audience: { organisations: ['health', 'energy'] }, ackDeadline: soon })).expect(201);
    await routed(res.body.id);
    const healthEntry = (await hub.http.get('/api/v1/inbox').set(bearer(health)).expect(200)).body.entries.find((e: { advisory: { id: string } }) => e.advisory.id === res.body.id);
    expect((await hub.http.post(`/api/v1/inbox/${healthEntry.id}/ack`).set(bearer(health)).expect(200)).body).toMatchObject({ requiresAck: true, readAt: expect.any(String), acknowledgedAt: expect.any(String) });
    await hub.until('escalation', async () => {
      const receipts = (await hub.http.get(`/api/v1/advisories/${res.body.id}`).set(bearer(centre))).body.receipts;
      return receipts.some((r: { escalatedAt: string | null }) => r.escalatedAt !== null);
    });
    // the author sees who was escalated and who had acknowledged
    const receipts: { organisation: { slug: string }; acknowledgedAt: string | null; escalatedAt: string | null }[] = (await hub.http.get(`/api/v1/advisories/${res.body.id}`).set(bearer(centre))).body.receipts;
    expect(receipts.map((r) => [r.organisation.slug, r.acknowledgedAt !== null, r.escalatedAt !== null]).sort()).toEqual([['energy', false, true], ['health', true, false]]);
    const reminders = async (key: string) =>
      ((await hub.http.get('/api/v1/inbox').set(bearer(key))).body.entries as { advisory: { title: string } }[]).filter((e) => e.advisory.title === `Reminder: acknowledge "${res.body.title}"`);
    await hub.until('reminder', async () => (await reminders(energy)).length > 0);
    // later reconcile runs (every 250 ms here) remind nobody again
    await new Promise((r) => setTimeout(r, 1000));
    expect(await reminders(energy)).toHaveLength(1);
    expect(await reminders(health)).toHaveLength(0);
  });

  it('pages the inbox and the list with cursors, filters unread, and refuses foreign cursors', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ title: `page ${i}`, tlp: 'TLP:AMBER+STRICT', audience: { organisations: ['transport'] } })).expect(201)).body.id);
    }
    for (const id of ids) await routed(id);
    const transport = await hub.key('transport', ['analyst']);
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page: { body: { entries: { id: string; advisory: { id: string } }[]; next: string | null } } = await hub.http.get(`/api/v1/inbox?limit=2${next ? `&cursor=${next}` : ''}`).set(bearer(transport)).expect(200);
      seen.push(...page.body.entries.map((e) => e.advisory.id));
      next = page.body.next;
    } while (next);
    expect(seen.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    const first = (await hub.http.get('/api/v1/inbox?limit=1').set(bearer(transport)).expect(200)).body.entries[0];
    await hub.http.post(`/api/v1/inbox/${first.id}/read`).set(bearer(transport)).expect(200);
    const unread = (await hub.http.get('/api/v1/inbox?unread=true&limit=200').set(bearer(transport)).expect(200)).body.entries;
    expect(unread.map((e: { id: string }) => e.id)).not.toContain(first.id);

    const listed: string[] = [];
    next = null;
    do {
      const page: { body: { advisories: { id: string }[]; next: string | null } } = await hub.http.get(`/api/v1/advisories?limit=2&tlp=TLP:AMBER%2BSTRICT${next ? `&cursor=${next}` : ''}`).set(bearer(transport)).expect(200);
      listed.push(...page.body.advisories.map((a) => a.id));
      next = page.body.next;
    } while (next);
    expect(listed.sort()).toEqual([...ids].sort());
    expect((await hub.http.get('/api/v1/advisories?author=energy&tlp=TLP:AMBER%2BSTRICT').set(bearer(health)).expect(200)).body.advisories).toEqual([]);

    let res = await hub.http.get('/api/v1/inbox?cursor=AAAAAAAAAAAAAAAA').set(bearer(transport)).expect(400);
    expect(res.body).toMatchObject({ code: 'INBOX.INVALID', errors: [{ pointer: '/cursor' }] });
    res = await hub.http.get('/api/v1/advisories?cursor=AAAAAAAAAAAAAAAA').set(bearer(transport)).expect(400);
    expect(res.body.code).toBe('ADVISORY.INVALID');
    res = await hub.http.get('/api/v1/advisories?limit=0&severity=x').set(bearer(transport)).expect(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/limit', '/severity']);
    res = await hub.http.get('/api/v1/inbox?limit=500&cursor=no!&unread=maybe').set(bearer(transport)).expect(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/cursor', '/limit', '/unread']);
  });

  it('gives other contexts the advisories of a period with their recipients and acknowledgements per sector', async () => {
    const since = new Date();
    const centre = await hub.key('centre', ['analyst']);
    const alert = (await hub.http.post('/api/v1/alerts').set(bearer(centre)).send(alertRequest({ tlp: 'TLP:AMBER', audience: { sectors: ['health'], organisations: ['finance'] } })).expect(201)).body;
    await routed(alert.id);
    const entry = (await hub.http.get('/api/v1/inbox').set(bearer(health)).expect(200)).body.entries.find((e: { advisory: { id: string } }) => e.advisory.id === alert.id);
    await hub.http.post(`/api/v1/inbox/${entry.id}/ack`).set(bearer(health)).expect(200);
    const { advisories: facts, total } = await hub.app.get(AdvisoryQueriesService).publishedBetween(since, new Date(), { kind: 'alert' });
    expect(total).toBe(1);
    expect(facts).toEqual([
      expect.objectContaining({
        id: alert.id,
        kind: 'alert',
        tlp: 'TLP:AMBER',
        recipientOrgIds: expect.arrayContaining([expect.any(String)]),
        receipts: [
          { sector: 'finance', delivered: 1, acknowledged: 0 },
          { sector: 'health', delivered: 3, acknowledged: 1 },
        ],
      }),
    ]);
    expect(facts[0].recipientOrgIds).toHaveLength(4);
  });

  it('lets admins set their own webhook only (the centre: anyone\'s)', async () => {
    const body = { url: 'http://127.0.0.1:9/hook', secret: 'a-long-enough-secret' };
    let res = await hub.http.put('/api/v1/organisations/energy/webhook').set(bearer(await hub.key('energy', ['admin']))).send(body).expect(200);
    expect(res.body).toEqual({ organisation: 'energy', url: body.url, updatedAt: expect.any(String) });
    res = await hub.http.put('/api/v1/organisations/health/webhook').set(bearer(await hub.key('energy', ['admin']))).send(body).expect(403);
    expect(res.body.code).toBe('WEBHOOK.FORBIDDEN');
    await hub.http.put('/api/v1/organisations/health/webhook').set(bearer(await hub.key('centre', ['admin']))).send(body).expect(200);
    res = await hub.http.put('/api/v1/organisations/nobody/webhook').set(bearer(await hub.key('centre', ['admin']))).send(body).expect(404);
    expect(res.body.code).toBe('ORG.NOT_FOUND');
    res = await hub.http.put('/api/v1/organisations/energy/webhook').set(bearer(await hub.key('energy', ['admin']))).send({ url: 'ftp://x', secret: 'short' }).expect(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/secret', '/url']);
    await hub.db.query(`DELETE FROM webhooks`);
  });
});
