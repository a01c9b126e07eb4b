import { randomUUID } from 'node:crypto';
import { bearer } from '../factories/bearer.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';
import { openStream, type Stream } from '../support/event-stream.js';

// Issue 19: one coordination room per major incident, attacker first. A sector that is not
// concerned learns nothing of a TLP:RED room (404 on the room and its report, nothing in its
// inbox); then the room's life: alert, acknowledgement, sitreps (one missed, one refused for a
// weaker marking), the status board, tasks, decisions, stand-down and the composed report.
const ORGS = ['centre', 'energy', 'health', 'finance', 'litware'] as const;
type Org = (typeof ORGS)[number];

describe('major incidents: one coordination room', () => {
  let hub: AdvisoryHub;
  const keys = {} as Record<Org | 'coordinator', string>;
  let room: { id: string; alertId: string };
  let meetingId: string;
  const streams = new Map<Org, Stream>();

  beforeAll(async () => {
    hub = await startAdvisoryHub();
    for (const org of ORGS) keys[org] = await hub.key(org, ['analyst']);
    // the next network meeting, still a draft: the stand-down drafts its item there
    const coordinator = await hub.key('centre', ['coordinator']);
    const meeting = await hub.http.post('/api/v1/meetings').set(bearer(coordinator)).send({ title: 'Network meeting', startsAt: '2031-02-03T09:00:00.000Z', endsAt: '2031-02-03T12:00:00.000Z', participants: ['centre', 'energy', 'health', 'finance'], series: 'sector-network' }).expect(201);
    meetingId = meeting.body.id;
    keys.coordinator = coordinator;
    await hub.app.listen(0, '127.0.0.1');
    const url = `${(await hub.app.getUrl()).replace('[::1]', '127.0.0.1')}/api/v1/events`;
    for (const org of ['health', 'finance', 'litware'] as const) streams.set(org, await openStream(url, keys[org]));
  });
  afterAll(async () => {
    for (const s of streams.values()) s.close();
    await hub.close();
  });

  const roomEvents = (org: Org, id: string) => streams.get(org)!.events.filter((e) => e.type === 'major-incident' && e.data.majorIncidentId === id);

  const as = (org: Org) => ({
    get: (path: string) => hub.http.get(`/api/v1/major-incidents${path}`).set(bearer(keys[org])),
    post: (path: string, body: object = {}) => hub.http.post(`/api/v1/major-incidents${path}`).set(bearer(keys[org])).send(body),
    put: (path: string, body: object) => hub.http.put(`/api/v1/major-incidents${path}`).set(bearer(keys[org])).send(body),
  });
  const inboxTitles = async (org: Org) => (await hub.http.get('/api/v1/inbox').set(bearer(keys[org])).expect(200)).body.entries.map((e: { title?: string; advisory?: { title: string } }) => e.title ?? e.advisory?.title);

  it('only the centre declares a major incident', async () => {
    const res = await hub.http.post('/api/v1/major-incidents').set(bearer(keys.energy)).send({ title: 'x', tlp: 'TLP:RED', sectors: ['energy'] }).expect(403);
    expect(res.body.code).toBe('MAJOR_INCIDENT.NOT_CENTRE');
    const bad = await as('centre').post('', { title: 'x', tlp: 'TLP:PURPLE', sectors: ['energy', 'space'], caseIds: [randomUUID()] }).expect(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/tlp', '/sectors/1', '/caseIds/0']);
  });

  it('declares a TLP:RED room: each concerned sector unit gets an alert to acknowledge, carrying the title', async () => {
    const res = await as('centre').post('', { title: 'Ransomware on grid and hospital HMIs', tlp: 'TLP:RED', sectors: ['energy', 'health'], sitrepEveryMinutes: 30 }).expect(201);
    room = { id: res.body.id, alertId: res.body.alertId };
    expect(res.body).toMatchObject({ tlp: 'TLP:RED', state: 'open', sectors: ['energy', 'health'], audience: ['centre', 'energy', 'health'] });
    await hub.until('routing of the alert', async () => (await hub.db.query(`SELECT routed_at FROM advisories WHERE id = $1`, [room.alertId]))[0]?.routed_at != null);
    expect(Object.fromEntries(await hub.inboxCount(room.alertId))).toEqual({ energy: 1, health: 1 });
    const [alert] = await hub.db.query(`SELECT kind, title, tlp, requires_ack FROM advisories WHERE id = $1`, [room.alertId]);
    expect(alert).toEqual({ kind: 'alert', title: 'Major incident: Ransomware on grid and hospital HMIs', tlp: 'TLP:RED', requires_ack: true });
    expect(await inboxTitles('energy')).toContain('Major incident: Ransomware on grid and hospital HMIs');
  });

  it('a sector not concerned, and a member of a concerned one, see nothing of the RED room: 404 as for a missing one, nothing in the inbox', async () => {
    const missing = await as('finance').get(`/${randomUUID()}`).expect(404);
    for (const org of ['finance', 'litware'] as const) {
      const res = await as(org).get(`/${room.id}`).expect(404);
      expect({ ...res.body, detail: undefined, instance: undefined }).toEqual({ ...missing.body, detail: undefined, instance: undefined });
      expect(res.body.detail).toBe(`No major incident ${room.id}.`);
      await as(org).get(`/${room.id}/report.md`).expect(404);
      await as(org).put(`/${room.id}/status`, { state: 'affected' }).expect(404);
      await as(org).post(`/${room.id}/sitreps`, { body: 'x', tlp: 'TLP:RED' }).expect(404);
      await as(org).post(`/${room.id}/decisions`, { text: 'x' }).expect(404);
      expect(await inboxTitles(org)).not.toContain('Major incident: Ransomware on grid and hospital HMIs');
    }
  });

  it('a unit acknowledges the alert; the centre sees its time to acknowledge', async () => {
    await hub.http.post(`/api/v1/inbox/${room.alertId}/ack`).set(bearer(keys.energy)).expect((r) => expect([200, 201]).toContain(r.status));
    const view = (await as('centre').get(`/${room.id}`).expect(200)).body;
    expect(view.acknowledgements).toEqual([
      expect.objectContaining({ sector: 'energy', unit: 'energy', minutesToAcknowledge: 0 }),
      expect.objectContaining({ sector: 'health', unit: 'health', ackedAt: null, minutesToAcknowledge: null }),
    ]);
    // receipts are the author's
    expect((await as('energy').get(`/${room.id}`).expect(200)).body.acknowledgements).toBeNull();
  });

  it('a sitrep weaker than the room is refused (422); only the centre sends sitreps', async () => {
    const weak = await as('centre').post(`/${room.id}/sitreps`, { body: 'x', tlp: 'TLP:AMBER' }).expect(422);
    expect(weak.body).toMatchObject({ code: 'MAJOR_INCIDENT.SITREP_TLP_WEAKER', errors: [{ pointer: '/tlp' }] });
    expect((await as('energy').post(`/${room.id}/sitreps`, { body: 'x', tlp: 'TLP:RED' }).expect(403)).body.code).toBe('MAJOR_INCIDENT.NOT_CENTRE');
  });

  it('a missed sitrep is flagged in the room view', async () => {
    // the room was declared 50 minutes ago: the sitrep due after 30 minutes never came
    await hub.db.query(`UPDATE major_incidents SET declared_at = declared_at - interval '50 minutes' WHERE id = $1`, [room.id]);
    await hub.db.query(`UPDATE major_incident_entries SET created_at = created_at - interval '50 minutes' WHERE major_incident_id = $1`, [room.id]);
    const before = (await as('energy').get(`/${room.id}`).expect(200)).body;
    expect(before.sitrepCadence).toMatchObject({ everyMinutes: 30, overdue: true });
    expect(before.sitrepCadence.missed).toHaveLength(1);
    await as('centre').post(`/${room.id}/sitreps`, { body: 'Two operators on manual control.', tlp: 'TLP:RED' }).expect(201);
    const after = (await as('health').get(`/${room.id}`).expect(200)).body;
    expect(after.sitrepCadence).toMatchObject({ overdue: false, missed: before.sitrepCadence.missed });
    expect(after.sitreps).toEqual([expect.objectContaining({ body: 'Two operators on manual control.', tlp: 'TLP:RED', by: 'centre' })]);
  });

  it('each concerned unit sets its own sector on the status board, nobody else', async () => {
    await as('energy').put(`/${room.id}/status`, { state: 'affected', note: 'three substations' }).expect(200);
    await as('energy').put(`/${room.id}/status`, { state: 'degraded', note: 'grid control on manual' }).expect(200);
    await as('health').put(`/${room.id}/status`, { state: 'not-affected' }).expect(200);
    expect((await as('centre').put(`/${room.id}/status`, { state: 'affected' }).expect(403)).body.code).toBe('MAJOR_INCIDENT.FORBIDDEN');
    await as('energy').put(`/${room.id}/status`, { state: 'on-fire' }).expect(400);
    const board = (await as('centre').get(`/${room.id}`).expect(200)).body.statusBoard;
    expect(board.map((b: { sector: string; state: string; note: string; changes: number }) => [b.sector, b.state, b.note, b.changes])).toEqual([
      ['energy', 'degraded', 'grid control on manual', 2],
      ['health', 'not-affected', '', 1],
    ]);
  });

  it('the list holds the RED room for its readers only; its lines reach the readers\' event streams, nobody else\'s', async () => {
    const listed = async (org: Org) => (await as(org).get('').expect(200)).body.majorIncidents.map((m: { id: string }) => m.id);
    expect(await listed('centre')).toContain(room.id);
    expect(await listed('energy')).toContain(room.id);
    expect(await listed('finance')).not.toContain(room.id);
    expect(await listed('litware')).not.toContain(room.id);
    const line = await as('health').put(`/${room.id}/status`, { state: 'affected', note: 'one hospital on paper' }).expect(200);
    await hub.until('health hears of its own line', async () => roomEvents('health', room.id).some((e) => e.data.entryId === line.body.id));
    expect(roomEvents('health', room.id).find((e) => e.data.entryId === line.body.id)!.data).toEqual({ type: 'major-incident', majorIncidentId: room.id, entryId: line.body.id, kind: 'status' });
    // the streams are served in order: finance's and litware's saw every event health did before this one
    await new Promise((r) => setTimeout(r, 200));
    expect(roomEvents('finance', room.id)).toEqual([]);
    expect(roomEvents('litware', room.id)).toEqual([]);
    await as('health').put(`/${room.id}/status`, { state: 'not-affected' }).expect(200);
  });

  it('tasks and decisions: owners must be able to read the room', async () => {
    await as('centre').post(`/${room.id}/tasks`, { title: 'Collect HMI logs', owner: 'energy', due: '2031-01-01T12:00:00Z' }).expect(201);
    const outsider = await as('centre').post(`/${room.id}/tasks`, { title: 'x', owner: 'finance' }).expect(400);
    expect(outsider.body.errors).toEqual([expect.objectContaining({ pointer: '/owner' })]);
    await as('health').post(`/${room.id}/decisions`, { text: 'Hospitals switch to paper records' }).expect(201);
    const view = (await as('energy').get(`/${room.id}`).expect(200)).body;
    expect(view.tasks).toEqual([expect.objectContaining({ title: 'Collect HMI logs', owner: 'energy', by: 'centre', due: '2031-01-01T12:00:00.000Z' })]);
    expect(view.decisions).toEqual([expect.objectContaining({ text: 'Hospitals switch to paper records', by: 'health' })]);
    // (the worker's minute sweep may have marked the missed sitrep meanwhile: that line is the reminder test's)
    expect(view.timeline.map((l: { kind: string }) => l.kind).filter((k: string) => k !== 'sitrep-missed')).toEqual(['declared', 'sitrep', 'status', 'status', 'status', 'status', 'status', 'task', 'decision']);
  });

  it('the centre stands down; the room then takes nothing more', async () => {
    expect((await as('energy').post(`/${room.id}/stand-down`).expect(403)).body.code).toBe('MAJOR_INCIDENT.NOT_CENTRE');
    const res = await as('centre').post(`/${room.id}/stand-down`, { note: 'All sectors recovering' }).expect(200);
    expect(res.body).toMatchObject({ state: 'stood-down', meetingItem: { meetingId, proposalId: expect.any(String) } });
    // the next meeting's draft: a RED item finance may not read is left out of the agenda, the coordinator told why
    const draft = (await hub.http.post(`/api/v1/meetings/${meetingId}/agenda/draft`).set(bearer(keys.coordinator)).expect(200)).body.agenda;
    expect(draft.items.map((i: { title: string }) => i.title)).not.toContain('Major incident review: Ransomware on grid and hospital HMIs');
    expect(draft.excluded).toContainEqual(expect.objectContaining({ title: 'Major incident review: Ransomware on grid and hospital HMIs', notReadableBy: ['finance'] }));
    expect(JSON.stringify(draft.items)).not.toContain('Ransomware on grid');
    expect((await as('centre').post(`/${room.id}/stand-down`).expect(409)).body.code).toBe('MAJOR_INCIDENT.CLOSED');
    await as('energy').put(`/${room.id}/status`, { state: 'recovered' }).expect(409);
    expect((await as('health').get(`/${room.id}`).expect(200)).body).toMatchObject({ state: 'stood-down', sitrepCadence: { overdue: false, nextDueAt: null } });
  });

  it('the post-incident report: timeline, sitreps, status changes, decisions, tasks, time to acknowledge, under its TLP label', async () => {
    const res = await as('centre').get(`/${room.id}/report.md`).expect(200);
    expect(res.headers['content-type']).toContain('text/markdown');
    expect(res.headers['x-tlp']).toBe('TLP:RED');
    const md = res.text;
    expect(md.startsWith('**TLP:RED**')).toBe(true);
    expect(md).toContain('# Post-incident report: Ransomware on grid and hospital HMIs');
    expect(md).toMatch(/\| energy \| energy \| \S+Z \| 50 \|/);
    expect(md).toContain('| health | health | not acknowledged | — |');
    expect(md).toMatch(/Missed sitreps \(due, none sent\): \S+Z/);
    expect(md).toContain('> Two operators on manual control.');
    expect(md).toContain('energy: degraded — grid control on manual');
    expect(md).toContain('health: Hospitals switch to paper records');
    expect(md).toMatch(/\| Collect HMI logs \| energy \| 2031-01-01T12:00:00Z \|/);
    expect(md).toContain('Stood down: All sectors recovering');
    const html = await as('centre').get(`/${room.id}/report.html`).expect(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['x-tlp']).toBe('TLP:RED');
    expect(html.text).toContain('<h1>Post-incident report: Ransomware on grid and hospital HMIs</h1>');
    expect(html.text.match(/class="tlp"[^>]*>TLP:RED</g)).toHaveLength(2);
    for (const org of ['finance', 'litware'] as const) await as(org).get(`/${room.id}/report.html`).expect(404);
    // a concerned unit reads it too; its read of the RED room and its sources is audited
    await as('energy').get(`/${room.id}/report.md`).expect(200);
    const audited = await hub.db.query(`SELECT DISTINCT a.item_kind FROM audit_log a JOIN organisations o ON o.id = a.reader_org_id WHERE o.slug = 'energy' AND a.item_id IN (SELECT $1::text UNION SELECT id::text FROM major_incident_entries WHERE major_incident_id = $1::uuid) ORDER BY 1`, [room.id]);
    expect(audited.map((r: { item_kind: string }) => r.item_kind)).toEqual(['major-incident', 'major-incident-sitrep']);
  });

  it('an AMBER room reaches the units’ members, but not a RED sitrep in it, nor the report composed from it', async () => {
    const res = await as('centre').post('', { title: 'DDoS on payment rails', tlp: 'TLP:AMBER', sectors: ['energy'] }).expect(201);
    await as('centre').post(`/${res.body.id}/sitreps`, { body: 'Attribution: state actor', tlp: 'TLP:RED' }).expect(201);
    await as('centre').post(`/${res.body.id}/sitreps`, { body: 'Traffic scrubbing in place', tlp: 'TLP:AMBER' }).expect(201);
    const member = (await as('litware').get(`/${res.body.id}`).expect(200)).body;
    expect(member.sitreps.map((s: { body: string }) => s.body)).toEqual(['Traffic scrubbing in place']);
    expect((await as('litware').put(`/${res.body.id}/status`, { state: 'affected' }).expect(403)).body.code).toBe('MAJOR_INCIDENT.FORBIDDEN');
    await as('litware').get(`/${res.body.id}/report.md`).expect(404);
    const report = await as('energy').get(`/${res.body.id}/report.md`).expect(200);
    // a RED source keeps the composed report to the named organisations
    expect(report.headers['x-tlp']).toBe('TLP:RED');
    await as('finance').get(`/${res.body.id}`).expect(404);
  });
});
