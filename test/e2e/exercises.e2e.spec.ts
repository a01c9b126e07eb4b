import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { AdvisoriesService, AdvisoryQueriesService, AdvisoryRepository, DeliveryRepository, EscalationService, verifyWebhookSignature } from '@isac/advisories';
import { BriefingService } from '@isac/meetings';
import { NetworkDirectory } from '@isac/organisations';
import { SitrepRemindersService } from '@isac/crisis';
import { IncidentClocksService } from '@isac/incidents';
import { collectionId } from '@isac/taxii';
import { UnitOfWork } from '@isac/unit-of-work';
import { basic, bearer } from '../factories/bearer.js';
import { incidentBundle } from '../factories/stix-bundles.js';
import { taxiiHeaders } from '../factories/taxii.js';
import { startAdvisoryHub, startReceiver, type AdvisoryHub } from '../support/advisories-harness.js';

// Issue 19: an exercise on the live hub, attacker first. Its injects play on a fast clock through
// the real use cases; everything they create carries the exercise marking (API, STIX, signed
// webhook body), stays out of real views (case list, clocks, insights, period facts, TAXII's real
// collections), shows in the exercise collection, and the purge removes it whole.
const taxii = (alias: string) => `/taxii2/api/collections/${collectionId(alias)}/objects/?limit=1000`;
const SECRET = 'an-exercise-webhook-secret';

const scenario = {
  title: 'Carrier outage drill',
  injects: [
    { at: 0, kind: 'major-incident', title: 'Backbone down', tlp: 'TLP:AMBER', sectors: ['telecom', 'energy'], sitrepEveryMinutes: 60 },
    { at: 1, kind: 'alert', title: 'Switch to fallback links', body: 'Switch critical links now.', severity: 'critical', tlp: 'TLP:AMBER', audience: { sectors: ['telecom', 'energy'] } },
    { at: 2, kind: 'case', from: 'adatum', name: 'Grid telemetry lost', tlp: 'TLP:AMBER', severity: 'high' },
    { at: 3, kind: 'status', sector: 'telecom', state: 'affected', note: 'ring down' },
    { at: 3, kind: 'advisory', from: 'telecom', title: 'Vendor account misuse', body: 'Rotate credentials.', severity: 'high', tlp: 'TLP:GREEN', audience: { all: true } },
  ],
};

describe('exercises: a drill on the live hub, marked and kept apart', () => {
  let hub: AdvisoryHub;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const keys = {} as Record<'coordinator' | 'centreAnalyst' | 'energyCoordinator' | 'energy' | 'telecom' | 'adatum' | 'health', string>;
  let exerciseId: string;
  let played: { position: number; kind: string; resultId: string | null; playedAt: string | null; error: string | null }[];
  const as = (key: string) => ({
    get: (path: string) => hub.http.get(`/api/v1/exercises${path}`).set(bearer(key)),
    post: (path: string, body: object = {}) => hub.http.post(`/api/v1/exercises${path}`).set(bearer(key)).send(body),
  });

  beforeAll(async () => {
    hub = await startAdvisoryHub();
    receiver = await startReceiver();
    keys.coordinator = await hub.key('centre', ['coordinator', 'analyst']);
    keys.centreAnalyst = await hub.key('centre', ['analyst']);
    keys.energyCoordinator = await hub.key('energy', ['coordinator', 'analyst']);
    for (const org of ['energy', 'telecom', 'adatum', 'health'] as const) keys[org] = await hub.key(org, ['analyst']);
    await hub.http.put('/api/v1/organisations/energy/webhook').set(bearer(await hub.key('energy', ['admin']))).send({ url: receiver.url('/energy'), secret: SECRET }).expect(200);
  });
  afterAll(async () => {
    await receiver?.close();
    await hub?.close();
  });

  it('refuses an unauthenticated call, a key without the coordinator role and another organisation', async () => {
    await hub.http.post('/api/v1/exercises').send(scenario).expect(401);
    expect((await as(keys.centreAnalyst).post('', scenario).expect(403)).body.code).toBe('AUTH.ROLE_REQUIRED');
    expect((await as(keys.energyCoordinator).post('', scenario).expect(403)).body.code).toBe('EXERCISE.NOT_CENTRE');
    expect(await hub.db.query(`SELECT count(*)::int AS n FROM exercises`)).toEqual([{ n: 0 }]);
  });

  it('a bad scenario is refused whole with a clear 400: each problem says where and what', async () => {
    const bad = { title: 'x', injects: [{ at: 0, kind: 'alert', title: 't', body: 'b', severity: 'severe', tlp: 'TLP:AMBER', audience: { sectors: ['space'] } }, { at: 1, kind: 'status', sector: 'energy', state: 'fine' }] };
    const res = await as(keys.coordinator).post('', bad).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('EXERCISE.INVALID');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/injects/0/severity', '/injects/0/audience/sectors/0', '/injects/1/state', '/injects/1/kind']);
    expect(res.body.detail).toContain('/injects/0/severity must be one of info, low, medium, high, critical (got "severe")');
    await as(keys.coordinator).post('', { injects: 'none' }).expect(400);
  });

  it('loads a scenario (201) and plays it on a fast clock: every inject plays, in order', async () => {
    const created = await as(keys.coordinator).post('', scenario).expect(201);
    exerciseId = created.body.id;
    expect(created.body).toMatchObject({ exercise: true, state: 'ready', injects: expect.arrayContaining([expect.objectContaining({ position: 0, kind: 'major-incident', playedAt: null })]) });
    // another organisation's coordinator learns nothing of it: 404 as for a missing one
    const missing = await as(keys.energyCoordinator).get(`/${randomUUID()}`).expect(404);
    const other = await as(keys.energyCoordinator).get(`/${exerciseId}`).expect(404);
    expect(other.body.code).toBe(missing.body.code);
    await as(keys.energyCoordinator).post(`/${exerciseId}/start`, { speed: 600 }).expect(404);
    await as(keys.energyCoordinator).get(`/${exerciseId}/report.md`).expect(404);
    await as(keys.energyCoordinator).post(`/${exerciseId}/purge`).expect(404);

    // ×600: one exercise minute is 100 ms
    const started = await as(keys.coordinator).post(`/${exerciseId}/start`, { speed: 600 }).expect(200);
    expect(started.body).toMatchObject({ state: 'running', speed: 600 });
    expect((await as(keys.coordinator).post(`/${exerciseId}/start`).expect(409)).body.code).toBe('EXERCISE.CONFLICT');
    await hub.until('every inject played', async () => (await as(keys.coordinator).get(`/${exerciseId}`)).body.injects.every((i: { playedAt: string | null }) => i.playedAt !== null));
    played = (await as(keys.coordinator).get(`/${exerciseId}`).expect(200)).body.injects;
    expect(played.map((i) => i.error)).toEqual([null, null, null, null, null]);
    const at = played.map((i) => Date.parse(i.playedAt!));
    expect(at[0]).toBeLessThanOrEqual(at[1]!);
    expect(at[1]).toBeLessThanOrEqual(at[2]!);
  });

  it('everything it created is marked: the API, the inbox, STIX, the signed webhook body', async () => {
    const [room, alert, kase, status, advisory] = played.map((i) => i.resultId!);
    const roomView = (await hub.http.get(`/api/v1/major-incidents/${room}`).set(bearer(keys.energy)).expect(200)).body;
    expect(roomView).toMatchObject({ exercise: true, title: '[EXERCISE] Backbone down' });
    expect(roomView.statusBoard.find((b: { sector: string }) => b.sector === 'telecom')).toMatchObject({ state: 'affected' });
    expect(roomView.timeline.map((l: { id: string }) => l.id)).toContain(status);
    for (const id of [alert, advisory, roomView.alertId]) {
      const view = (await hub.http.get(`/api/v1/advisories/${id}`).set(bearer(keys.energy)).expect(200)).body;
      expect(view.exercise).toBe(true);
      expect(view.title).toMatch(/^(Major incident: )?\[EXERCISE\] /);
    }
    await hub.until('routing of the alert', async () => (await hub.inboxCount(alert)).get('energy') === 1);
    const inbox = (await hub.http.get('/api/v1/inbox').set(bearer(keys.energy)).expect(200)).body.entries;
    expect(inbox.find((e: { id: string }) => e.id === alert).advisory.exercise).toBe(true);
    // the webhook's signed body says so too
    await hub.until('the webhook push of the alert', async () => receiver.received.some((r) => r.body.includes(alert)));
    const push = receiver.received.find((r) => r.body.includes(alert))!;
    expect(verifyWebhookSignature(SECRET, push.signature, push.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(JSON.parse(push.body).advisory).toMatchObject({ id: alert, exercise: true });

    const caseView = (await hub.http.get(`/api/v1/incidents/${kase}`).set(bearer(keys.adatum)).expect(200)).body;
    expect(caseView).toMatchObject({ exercise: true, overdue: false, name: '[EXERCISE] Grid telemetry lost', reporter: 'adatum' });
    const stored = await hub.db.query(`SELECT object, exercise_id FROM stix_objects WHERE stix_id = $1`, [caseView.incidentId]);
    expect(stored).toHaveLength(1);
    expect(stored[0].exercise_id).toBe(exerciseId);
    expect(stored[0].object).toMatchObject({ x_isac_exercise: true, labels: ['exercise'] });
    // the TLP policy applies as to real items: a sector not concerned reads neither the AMBER room nor the case
    await hub.http.get(`/api/v1/major-incidents/${room}`).set(bearer(keys.health)).expect(404);
    await hub.http.get(`/api/v1/incidents/${kase}`).set(bearer(keys.health)).expect(404);
    // the reminder of an unacknowledged exercise alert is the exercise's too
    await hub.db.query(`UPDATE advisories SET ack_deadline = now() - interval '1 minute' WHERE id = $1`, [alert]);
    const escalation = new EscalationService(
      new DeliveryRepository(hub.db),
      new AdvisoryRepository(hub.db),
      hub.app.get(AdvisoriesService),
      hub.app.get(NetworkDirectory),
      hub.app.get(UnitOfWork),
    );
    const remindersOf = () => hub.db.query(`SELECT title, exercise_id FROM advisories WHERE idempotency_key LIKE $1`, [`escalation:${alert}:%`]);
    // the escalation claims overdue deliveries with SKIP LOCKED: a run that meets the worker's own
    // escalation holding them skips them, so it is run again until a reminder is there (or 15 s pass)
    await hub.until('a reminder of the overdue exercise alert', async () => {
      await escalation.escalateOverdue();
      return (await remindersOf()).length > 0;
    });
    const reminders = await remindersOf();
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.map((r: { exercise_id: string }) => r.exercise_id)).toEqual(reminders.map(() => exerciseId));
  });

  it('real work is untouched: the case list, NIS2 clocks, insights, period facts and real TAXII collections', async () => {
    const kase = played[2]!.resultId!;
    const real = (await hub.http.get('/api/v1/incidents?state=all').set(bearer(keys.coordinator)).expect(200)).body.cases;
    expect(real.map((c: { id: string }) => c.id)).not.toContain(kase);
    const drills = (await hub.http.get('/api/v1/incidents?exercise=true').set(bearer(keys.coordinator)).expect(200)).body.cases;
    expect(drills.map((c: { id: string }) => c.id)).toEqual([kase]);
    // a sweep a month later marks no exercise clock due or overdue, and sends no notice
    await hub.app.get(IncidentClocksService).sweep(new Date(Date.now() + 30 * 86_400_000));
    expect(await hub.db.query(`SELECT kind FROM incident_timeline WHERE case_id = $1 AND kind IN ('due-soon', 'overdue')`, [kase])).toEqual([]);
    // even with its deadline long past, the hub's overdue gauge counts real cases only
    await hub.db.query(`UPDATE incident_cases SET next_due_at = now() - interval '1 day' WHERE id = $1`, [kase]);
    const metrics = (await hub.http.get('/metrics').set(bearer(await hub.key('centre', ['admin']))).expect(200)).text;
    expect(metrics.split('\n').filter((l: string) => l.startsWith('isac_incident_cases_overdue')).map((l: string) => l.split(' ').at(-1))).toEqual(['0']);
    const insights = (await hub.http.get('/api/v1/insights?weeks=4').set(bearer(keys.coordinator)).expect(200)).body;
    expect(insights.cases).toBe(0);
    expect(insights.acknowledgement.alerts).toBe(0);
    const period = await hub.app.get(AdvisoryQueriesService).publishedBetween(null, new Date(Date.now() + 60_000));
    expect(period.total).toBe(0);
    for (const [alias, key] of [['incidents', keys.adatum], ['energy', keys.adatum], ['alerts', keys.energy], ['public', keys.energy], ['incidents', keys.coordinator]] as const) {
      const objects = (await hub.http.get(taxii(alias)).set(taxiiHeaders(basic(key))).expect(200)).body.objects ?? [];
      expect(objects.filter((o: { x_isac_exercise?: boolean }) => o.x_isac_exercise)).toEqual([]);
    }
    // the exercise collection shows them, to those the TLP policy lets read them
    const drill = (await hub.http.get(taxii('exercise')).set(taxiiHeaders(basic(keys.adatum))).expect(200)).body.objects;
    const incidentId = (await hub.http.get(`/api/v1/incidents/${kase}`).set(bearer(keys.adatum)).expect(200)).body.incidentId;
    expect(drill.map((o: { id: string; x_isac_exercise: boolean; labels: string[] }) => [o.id, o.x_isac_exercise, o.labels])).toEqual([[incidentId, true, ['exercise']]]);
    expect((await hub.http.get(taxii('exercise')).set(taxiiHeaders(basic(keys.health))).expect(200)).body.objects ?? []).toEqual([]);
  });

  it("a briefing and an agenda draft made while the exercise's items are there keep them out of their real sections", async () => {
    // real work of the same hours beside the exercise's: a GREEN advisory to all and an energy member's case
    const real = (
      await hub.http
        .post('/api/v1/advisories')
        .set(bearer(keys.telecom))
        .send({ title: 'Real: patch the core routers', body: 'b', severity: 'high', tlp: 'TLP:GREEN', audience: { all: true } })
        .expect(201)
    ).body;
    const awareAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const realCase = (
      await hub.http
        .post('/api/v1/incidents')
        .set(bearer(await hub.key('adatum', ['reporter'])))
        .set('Content-Type', 'application/stix+json;version=2.1')
        .send(JSON.stringify(incidentBundle({ tlp: 'TLP:GREEN', extra: { name: 'Real: substation breach', x_isac_aware_at: awareAt } })))
        .expect(201)
    ).body;
    const drillRoom = (await hub.http.get(`/api/v1/major-incidents/${played[0]!.resultId}`).set(bearer(keys.energy)).expect(200)).body;
    const drillIds = new Set<string>([...played.map((i) => i.resultId!), drillRoom.alertId]);
    const routedAt = async () => (await hub.db.query(`SELECT routed_at FROM advisories WHERE id = $1`, [real.id]))[0]?.routed_at;
    await hub.until('routing of the real advisory', async () => (await routedAt()) != null);

    const network = await hub.app.get(NetworkDirectory).network();
    for (const slug of ['energy', 'telecom', 'adatum']) {
      const { briefing } = await hub.app.get(BriefingService).compose(network.bySlug(slug)!.id, new Date(Date.now() + 1000));
      const ids = briefing.items.map((i: { id: string }) => i.id);
      expect(ids).toContain(real.id);
      expect(ids.filter((id: string) => drillIds.has(id))).toEqual([]);
      expect(JSON.stringify(briefing)).not.toContain('[EXERCISE]');
    }

    const meetingRequest = {
      title: 'Sector network meeting',
      startsAt: '2031-03-03T09:00:00.000Z',
      endsAt: '2031-03-03T12:00:00.000Z',
      participants: ['centre', 'energy', 'telecom'],
      series: 'exercise-apart',
    };
    const meeting = (await hub.http.post('/api/v1/meetings').set(bearer(keys.coordinator)).send(meetingRequest).expect(201)).body;
    const agenda = (await hub.http.post(`/api/v1/meetings/${meeting.id}/agenda/draft`).set(bearer(keys.coordinator)).expect(200)).body.agenda;
    const sources = agenda.items.flatMap((i: { sources: { id: string }[] }) => i.sources.map((src) => src.id));
    expect(sources).toEqual(expect.arrayContaining([real.id, realCase.id]));
    expect(sources.filter((id: string) => drillIds.has(id))).toEqual([]);
    // nor among what was left out: the exercise is not in the real period at all
    expect(JSON.stringify(agenda)).not.toContain('[EXERCISE]');
    for (const id of drillIds) expect(JSON.stringify(agenda)).not.toContain(id);
  });

  it('the after-action report: who acknowledged what and when, sectors compared', async () => {
    await hub.http.post(`/api/v1/inbox/${played[1]!.resultId}/ack`).set(bearer(keys.energy)).expect((r) => expect([200, 201]).toContain(r.status));
    await hub.http.put(`/api/v1/major-incidents/${played[0]!.resultId}/status`).set(bearer(keys.energy)).send({ state: 'degraded', note: 'telemetry on radio' }).expect(200);
    const res = await as(keys.coordinator).get(`/${exerciseId}/report.md`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/markdown/);
    expect(res.headers['x-tlp']).toBe('TLP:AMBER');
    expect(res.text).toContain('# EXERCISE — After-action report: Carrier outage drill');
    expect(res.text).toMatch(/\| energy \| energy \| \d{4}-\d\d-\d\dT[^|]+ \| [\d.]+ min \|/);
    expect(res.text).toMatch(/\| telecom \| telecom \| — \| — \|/);
    // per sector: the room's alert (its unit) and the scenario's alert (its unit and members); energy
    // set its status itself, telecom's was the scenario's, which does not count
    expect(res.text).toMatch(/\| energy \| 5 \| 1 \| [\d.]+ min \| [\d.]+ min \|/);
    expect(res.text).toMatch(/\| telecom \| 4 \| 0 \| — \| — \|/);
  });

  it('purges everything it created; the audit log keeps its rows', async () => {
    const ids = played.map((i) => i.resultId!);
    const reminderCount = (await hub.db.query(`SELECT count(*)::int AS n FROM advisories WHERE idempotency_key LIKE 'escalation:%'`))[0].n;
    const audited = (await hub.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE item_id = ANY($1::varchar[])`, [ids]))[0].n;
    expect(audited).toBeGreaterThan(0);
    const res = await as(keys.coordinator).post(`/${exerciseId}/purge`).expect(200);
    expect(res.body).toEqual({ id: exerciseId, state: 'purged', removed: { advisories: 3 + reminderCount, cases: 1, stixObjects: 1, majorIncidents: 1 } });
    for (const table of ['advisories', 'incident_cases', 'stix_objects', 'major_incidents']) {
      expect(await hub.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE exercise_id IS NOT NULL`)).toEqual([{ n: 0 }]);
    }
    expect(await hub.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE advisory_id = ANY($1::uuid[])`, [[ids[1], ids[4]]])).toEqual([{ n: 0 }]);
    await hub.http.get(`/api/v1/advisories/${ids[1]}`).set(bearer(keys.energy)).expect(404);
    await hub.http.get(`/api/v1/incidents/${ids[2]}`).set(bearer(keys.adatum)).expect(404);
    await hub.http.get(`/api/v1/major-incidents/${ids[0]}`).set(bearer(keys.energy)).expect(404);
    expect((await hub.http.get(taxii('exercise')).set(taxiiHeaders(basic(keys.adatum))).expect(200)).body.objects ?? []).toEqual([]);
    expect((await hub.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE item_id = ANY($1::varchar[])`, [ids]))[0].n).toBe(audited);
    expect((await as(keys.coordinator).post(`/${exerciseId}/purge`).expect(409)).body.code).toBe('EXERCISE.CONFLICT');
  });

  it('the example scenario of config/exercises validates against the seeded network and plays whole', async () => {
    const example = parse(readFileSync('config/exercises/carrier-outage.yaml', 'utf8'));
    const id = (await as(keys.coordinator).post('', example).expect(201)).body.id;
    // ×3600: its three hours in three seconds
    await as(keys.coordinator).post(`/${id}/start`, { speed: 3600 }).expect(200);
    await hub.until('every inject of the example', async () => (await as(keys.coordinator).get(`/${id}`)).body.injects.every((i: { playedAt: string | null }) => i.playedAt !== null), 30_000);
    const injects = (await as(keys.coordinator).get(`/${id}`).expect(200)).body.injects;
    expect(injects.map((i: { kind: string; error: string | null }) => [i.kind, i.error])).toEqual(example.injects.map((i: { kind: string }) => [i.kind, null]));
    const purged = (await as(keys.coordinator).post(`/${id}/purge`).expect(200)).body.removed;
    expect(purged).toEqual({ advisories: 3, cases: 3, stixObjects: 3, majorIncidents: 1 });
  });

  it('pause holds the injects, fast-forward jumps ahead, resume plays what is due', async () => {
    const slow = { title: 'Slow drill', injects: [
      { at: 0, kind: 'advisory', title: 'first', body: 'b', severity: 'low', tlp: 'TLP:GREEN', audience: { organisations: ['energy'] } },
      { at: 30, kind: 'advisory', title: 'second', body: 'b', severity: 'low', tlp: 'TLP:GREEN', audience: { organisations: ['energy'] } },
    ] };
    const id = (await as(keys.coordinator).post('', slow).expect(201)).body.id;
    await as(keys.coordinator).post(`/${id}/start`, { speed: 1 }).expect(200);
    await hub.until('the first inject', async () => (await as(keys.coordinator).get(`/${id}`)).body.injects[0].playedAt !== null);
    expect((await as(keys.coordinator).post(`/${id}/pause`).expect(200)).body.state).toBe('paused');
    const forwarded = (await as(keys.coordinator).post(`/${id}/fast-forward`, { minutes: 30 }).expect(200)).body;
    expect(forwarded).toMatchObject({ state: 'paused', elapsedMinutes: 30 });
    await new Promise((r) => setTimeout(r, 500));
    expect((await as(keys.coordinator).get(`/${id}`)).body.injects[1].playedAt).toBeNull(); // nothing plays while paused
    await as(keys.coordinator).post(`/${id}/fast-forward`, { minutes: 0 }).expect(400);
    await as(keys.coordinator).post(`/${id}/resume`).expect(200);
    await hub.until('the second inject after resume', async () => (await as(keys.coordinator).get(`/${id}`)).body.injects[1].playedAt !== null);
    await as(keys.coordinator).post(`/${id}/resume`).expect(409);
    // a major incident declared by hand as part of the running exercise is the exercise's
    const declare = (body: object) => hub.http.post('/api/v1/major-incidents').set(bearer(keys.coordinator)).send({ title: 'Drill room', tlp: 'TLP:AMBER', sectors: ['energy'], ...body });
    const unknown = await declare({ exercise: randomUUID() }).expect(400);
    expect(unknown.body.errors).toEqual([{ pointer: '/exercise', detail: expect.stringMatching(/^no running exercise /) }]);
    await declare({ exercise: exerciseId }).expect(400); // purged: it takes nothing more
    const room = (await declare({ exercise: id, sitrepEveryMinutes: 5 }).expect(201)).body;
    // marked as every exercise item is: the flag, and the prefix in front of the room's and its alert's titles
    expect(room).toMatchObject({ exercise: true, title: '[EXERCISE] Drill room' });
    expect((await hub.http.get(`/api/v1/advisories/${room.alertId}`).set(bearer(keys.energy)).expect(200)).body).toMatchObject({
      exercise: true,
      title: '[EXERCISE] Major incident: Drill room',
    });

    // its sitrep reminder is the exercise's: marked in the centre's inbox, removed by the purge
    const declaredAt = Date.parse((await hub.http.get(`/api/v1/major-incidents/${room.id}`).set(bearer(keys.coordinator)).expect(200)).body.declaredAt);
    expect(await hub.worker!.get(SitrepRemindersService).sweep(new Date(declaredAt + 6 * 60_000))).toMatchObject({ reminded: 1 });
    const reminder = await hub.db.query(`SELECT id, exercise_id FROM advisories WHERE idempotency_key LIKE $1`, [`major-incident-sitrep:${room.id}:%`]);
    expect(reminder).toEqual([{ id: expect.any(String), exercise_id: id }]);
    const reminderView = (await hub.http.get(`/api/v1/advisories/${reminder[0].id}`).set(bearer(keys.coordinator)).expect(200)).body;
    expect(reminderView).toMatchObject({ exercise: true, title: '[EXERCISE] Sitrep missed: Drill room' });
    // a decision reaches the room's readers' inboxes as the exercise's too
    const decisionPath = `/api/v1/major-incidents/${room.id}/decisions`;
    const decision = (await hub.http.post(decisionPath).set(bearer(keys.coordinator)).send({ text: 'Fall back to radio' }).expect(201)).body;
    const noticeKey = `major-incident-decision-notice:${decision.id}`;
    const [notice] = await hub.db.query(`SELECT id, title, exercise_id FROM advisories WHERE idempotency_key = $1`, [noticeKey]);
    expect(notice).toMatchObject({ title: '[EXERCISE] Decision: Drill room', exercise_id: id });
    await hub.until('routing of the decision notice', async () => (await hub.inboxCount(notice.id)).get('energy') === 1);
    const energyInbox = (await hub.http.get('/api/v1/inbox?limit=200').set(bearer(keys.energy)).expect(200)).body.entries;
    const energyEntry = energyInbox.find((e: { id: string }) => e.id === notice.id);
    expect(energyEntry.advisory).toMatchObject({ exercise: true, title: '[EXERCISE] Decision: Drill room' });

    // its stand-down drafts no item on the centre's next real meeting
    const meeting = (await hub.http.post('/api/v1/meetings').set(bearer(keys.coordinator)).send({ title: 'Network meeting', startsAt: '2031-02-03T09:00:00.000Z', endsAt: '2031-02-03T12:00:00.000Z', participants: ['centre', 'energy'], series: 'sector-network' }).expect(201)).body;
    const stoodDown = (await hub.http.post(`/api/v1/major-incidents/${room.id}/stand-down`).set(bearer(keys.coordinator)).send({ note: 'Drill over' }).expect(200)).body;
    expect(stoodDown).toMatchObject({ state: 'stood-down', meetingItem: null });
    expect(await hub.db.query(`SELECT count(*)::int AS n FROM meeting_proposals WHERE meeting_id = $1`, [meeting.id])).toEqual([{ n: 0 }]);

    // its post-incident report says it was an exercise, in Markdown and in HTML
    const md = (await hub.http.get(`/api/v1/major-incidents/${room.id}/report.md`).set(bearer(keys.coordinator)).expect(200)).text;
    expect(md).toContain('**EXERCISE — not a real major incident');
    expect(md).toContain('# EXERCISE — Post-incident report: [EXERCISE] Drill room');
    const html = (await hub.http.get(`/api/v1/major-incidents/${room.id}/report.html`).set(bearer(keys.energy)).expect(200)).text;
    expect(html).toContain('<h1>EXERCISE — Post-incident report: [EXERCISE] Drill room</h1>');
    expect(html.match(/<p class="exercise" role="note">EXERCISE — not a real major incident/g)).toHaveLength(2);

    // two injects, the room's alert, the sitrep reminder, the decision's and the stand-down's notices
    expect((await as(keys.coordinator).post(`/${id}/purge`).expect(200)).body.removed).toEqual({ advisories: 6, cases: 0, stixObjects: 0, majorIncidents: 1 });
    expect(await hub.db.query(`SELECT count(*)::int AS n FROM advisories WHERE id = $1`, [reminder[0].id])).toEqual([{ n: 0 }]);
  });
});

