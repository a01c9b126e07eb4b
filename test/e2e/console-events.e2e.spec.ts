// GET /api/v1/events: the live stream behind the console. Each organisation hears of its own inbox
// entries (as the TLP policy allows), of receipts of what it authored and of changes of the cases it
// may read, nothing else — also on a second API replica, since the events come from PostgreSQL, not
// from one process's memory. A reporter's key hears of cases only.
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HubLogger } from '@isac/observability';
import { ApiKeysService } from '@isac/organisations';
import { createApi } from '../../apps/api/src/create-api.js';
import { bearer } from '../factories/bearer.js';
import { incidentBundle } from '../factories/stix-bundles.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';
import { openStream, type Stream } from '../support/event-stream.js';


describe('GET /api/v1/events', () => {
  let hub: AdvisoryHub;
  let replica: NestExpressApplication;
  let urlA: string;
  let urlB: string;
  const keys: Record<string, string> = {};
  const streams: Stream[] = [];

  beforeAll(async () => {
    hub = await startAdvisoryHub();
    await hub.app.listen(0, '127.0.0.1');
    urlA = `${(await hub.app.getUrl()).replace('[::1]', '127.0.0.1')}/api/v1/events`;
    replica = await createApi(hub.env.config, new HubLogger('silent', 'isac-api-replica'));
    await replica.listen(0, '127.0.0.1');
    urlB = `${(await replica.getUrl()).replace('[::1]', '127.0.0.1')}/api/v1/events`;
    for (const [org, roles] of [['centre', ['analyst']], ['energy', ['analyst']], ['litware', ['analyst']], ['health', ['analyst']]] as const) keys[org] = await hub.key(org, [...roles]);
  }, 60_000);
  afterAll(async () => {
    for (const s of streams) s.close();
    await replica?.close();
    await hub?.close();
  });

  it('401 without a key, as every other route', async () => {
    const res = await fetch(urlA);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('tells recipients of their entries and the author of receipts, on either replica; nobody else hears anything', async () => {
    const energy = await openStream(urlA, keys.energy);
    const litware = await openStream(urlB, keys.litware);
    const health = await openStream(urlA, keys.health);
    const centreB = await openStream(urlB, keys.centre);
    streams.push(energy, litware, health, centreB);
    expect(energy.contentType).toContain('text/event-stream');

    const alert = await hub.http.post('/api/v1/alerts').set(bearer(keys.centre)).send({
      title: 'Grid wiper', body: 'Patch.', severity: 'critical', tlp: 'TLP:AMBER', audience: { sectors: ['energy'] },
      ackDeadline: new Date(Date.now() + 3_600_000).toISOString(), expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    }).expect(201);
    const advisoryId = alert.body.id;
    const received = (s: Stream, type: string) => s.events.filter((e) => e.type === type && e.data.advisoryId === advisoryId);

    await hub.until('the recipients hear of their entries', async () => received(energy, 'inbox').length === 1 && received(litware, 'inbox').length === 1);
    const energyEntry = (await hub.http.get('/api/v1/inbox').set(bearer(keys.energy)).expect(200)).body.entries.find((e: { advisory: { id: string } }) => e.advisory.id === advisoryId);
    // an entry is named by its advisory within the recipient's inbox
    expect(energyEntry.id).toBe(advisoryId);
    expect(received(energy, 'inbox')[0].data).toEqual({ type: 'inbox', change: 'added', entryId: advisoryId, advisoryId });
    // the energy sector: its unit and three members, each told of its own entry
    expect((await hub.inboxCount(advisoryId)).size).toBe(4);
    await hub.until('the author hears its alert was delivered', async () => received(centreB, 'receipt').length > 0);
    const [{ id: energyOrgId }] = await hub.db.query(`SELECT id FROM organisations WHERE slug = 'energy'`);

    // energy acknowledges on replica A; the author's stream on replica B hears it
    await hub.http.post(`/api/v1/inbox/${energyEntry.id}/ack`).set(bearer(keys.energy)).expect(200);
    await hub.until('the ack reaches the author on the other replica', async () => received(centreB, 'receipt').some((e) => e.data.change === 'changed'));
    await hub.until('energy hears its entry changed', async () => received(energy, 'inbox').some((e) => e.data.change === 'changed'));
    // one event for the fan-out however many recipients it had, then one for the receipt that changed
    // (a stream's events come in order: had the fan-out made more, they would have come before the ack's)
    expect(received(centreB, 'receipt').map((e) => e.data)).toEqual([
      { type: 'receipt', change: 'delivered', advisoryId },
      { type: 'receipt', change: 'changed', advisoryId, recipientOrgId: energyOrgId },
    ]);
    expect(received(energy, 'inbox').map((e) => e.data.change)).toEqual(['added', 'changed']);
    expect(received(litware, 'inbox').map((e) => e.data.change)).toEqual(['added']);

    // health is outside the audience: not one event about it
    expect(health.events.filter((e) => e.type !== 'ready')).toEqual([]);
    // a recipient hears of its own entry only, never of receipts
    expect(received(litware, 'receipt')).toEqual([]);
    expect(received(energy, 'inbox').every((e) => e.data.entryId === advisoryId)).toBe(true);
  });

  /** A TLP:RED advisory of the centre to telecom alone, its id once the router wrote telecom's entry. */
  const publishRedToTelecom = async (): Promise<string> => {
    const res = await hub.http.post('/api/v1/advisories').set(bearer(keys.centre)).send({
      title: 'Red for telecom', body: 'Only telecom.', severity: 'high', tlp: 'TLP:RED', audience: { organisations: ['telecom'] },
    }).expect(201);
    await hub.until('telecom has the entry', async () => (await hub.inboxCount(res.body.id)).get('telecom') === 1);
    return res.body.id as string;
  };

  it('ends the stream of a key as its revocation commits, on another replica too, and never sends it what was published afterwards', async () => {
    const key = await hub.key('telecom', ['analyst']);
    const stream = await openStream(urlB, key);
    streams.push(stream);
    // revoked through replica A: replica B hears it from PostgreSQL
    await hub.app.get(ApiKeysService).revoke(key.split('.')[0]);
    const revokedAt = Date.now();
    const advisoryId = await publishRedToTelecom();
    await hub.until("the revoked key's stream ends", async () => stream.ended, 3_000).catch(() => undefined);
    // whatever the router did meanwhile, nothing of the advisory reached the stream
    await new Promise((r) => setTimeout(r, 300));
    expect(stream.events.filter((e) => e.data.advisoryId === advisoryId)).toEqual([]);
    expect(stream.events.map((e) => e.type)).toEqual(['ready']);
    expect(stream.ended).toBe(true);
    expect(Date.now() - revokedAt).toBeLessThan(3_500);
    expect((await fetch(urlB, { headers: { Authorization: `Bearer ${key}` } })).status).toBe(401);
  }, 20_000);

  it('checks the key before each event: a revocation whose announcement was lost still sends nothing and ends the stream at the next event', async () => {
    const key = await hub.key('telecom', ['analyst']);
    const stream = await openStream(urlA, key);
    streams.push(stream);
    // revoked behind the hub's back: no NOTIFY, as when the announcement is lost
    await hub.db.query(`UPDATE api_keys SET revoked_at = now() WHERE prefix = $1`, [key.split('.')[0]]);
    const advisoryId = await publishRedToTelecom();
    await hub.until("the revoked key's stream ends at the event", async () => stream.ended, 3_000).catch(() => undefined);
    expect(stream.events.filter((e) => e.data.advisoryId === advisoryId)).toEqual([]);
    expect(stream.ended).toBe(true);
  }, 20_000);

  it("tells a case's readers of its changes — a reporter-only key too, which hears no inbox entry — and nobody else", async () => {
    const reporterKey = await hub.key('litware', ['reporter']);
    const reporter = await openStream(urlA, reporterKey);
    const sectorUnit = await openStream(urlB, keys.energy);
    const centre = await openStream(urlA, keys.centre);
    const health = await openStream(urlB, keys.health);
    streams.push(reporter, sectorUnit, centre, health);
    const filed = await hub.http.post('/api/v1/incidents').set(bearer(reporterKey)).set('Content-Type', 'application/stix+json;version=2.1')
      .send(JSON.stringify(incidentBundle({ extra: { name: 'Live case', x_isac_report_stage: 'early-warning' } }))).expect(201);
    const caseId: string = filed.body.id;
    const changes = (s: Stream) => s.events.filter((e) => e.type === 'case' && e.data.caseId === caseId).map((e) => e.data.change);
    await hub.until('the readers hear of the report', async () => [reporter, sectorUnit, centre].every((s) => changes(s).includes('report')));

    await hub.http.post(`/api/v1/incidents/${caseId}/messages`).set(bearer(keys.centre)).send({ body: 'Which VPN gateway?', kind: 'question' }).expect(201);
    await hub.http.post(`/api/v1/incidents/${caseId}/feedback`).set(bearer(keys.centre)).send({ body: 'Rotate the VPN credentials.', kind: 'guidance' }).expect(200);
    await hub.until('the readers hear of the message and the feedback', async () => [reporter, sectorUnit, centre].every((s) => changes(s).includes('message') && changes(s).includes('feedback')));
    expect(reporter.events.at(-1)!.data).toEqual({ type: 'case', change: 'feedback', caseId });
    // the message and the feedback reached litware's inbox too: a reporter's key is not told of inbox entries
    await hub.until("litware's inbox holds both", async () => {
      const [{ n }] = await hub.db.query(`SELECT count(*)::int AS n FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE o.slug = 'litware' AND d.advisory_id IN (SELECT id FROM advisories WHERE body LIKE $1)`, [`%(case ${caseId})`]);
      return n === 2;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(reporter.events.map((e) => e.type).filter((t) => t !== 'case')).toEqual(['ready']);
    // closing and reopening too
    await hub.http.post(`/api/v1/incidents/${caseId}/close`).set(bearer(keys.centre)).send({ reason: 'Handled.' }).expect(200);
    await hub.http.post(`/api/v1/incidents/${caseId}/reopen`).set(bearer(reporterKey)).send({}).expect(200);
    await hub.until('the readers hear of closing and reopening', async () => [reporter, sectorUnit, centre].every((s) => changes(s).includes('closed') && changes(s).includes('reopened')));
    // another sector's unit reads nothing of the case: it hears nothing of it
    expect(health.events.filter((e) => e.data.caseId === caseId)).toEqual([]);
  }, 30_000);
});
