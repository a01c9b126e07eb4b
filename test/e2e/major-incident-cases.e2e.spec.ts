import { randomUUID } from 'node:crypto';
import { bearer } from '../factories/bearer.js';
import { incidentBundle, type Bundle } from '../factories/stix-bundles.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

// Issue 19: a major incident grows from real cases, and its items go through the inbox. Attacker
// first: another organisation's key attaches nothing and learns nothing of a case or room it may not
// read; a reporter sees its case's attachment only when it may read the room; each sitrep, task,
// decision and the stand-down reaches the inboxes of the item's readers and nobody else's.
const STIX = 'application/stix+json;version=2.1';
const ORGS = ['centre', 'energy', 'litware', 'adatum', 'health', 'lamna-hospital', 'finance', 'woodgrove-bank'] as const;
type Org = (typeof ORGS)[number];

describe('major incidents: linked cases and the inbox', () => {
  let hub: AdvisoryHub;
  const keys = {} as Record<Org, string>;
  /** litware (an energy member): AMBER; woodgrove-bank (a finance member): unmarked, so AMBER+STRICT; health: GREEN */
  const cases = {} as Record<'litware' | 'woodgrove' | 'healthGreen', string>;
  let amberRoom: string;
  let redRoom: string;

  const file = (org: Org, bundle: Bundle) =>
    hub.http.post('/api/v1/incidents').set(bearer(keys[org])).set('Content-Type', STIX).send(JSON.stringify(bundle)).expect(201);
  const as = (org: Org) => ({
    get: (path: string) => hub.http.get(`/api/v1/major-incidents${path}`).set(bearer(keys[org])),
    post: (path: string, body: object = {}) => hub.http.post(`/api/v1/major-incidents${path}`).set(bearer(keys[org])).send(body),
    put: (path: string, body: object) => hub.http.put(`/api/v1/major-incidents${path}`).set(bearer(keys[org])).send(body),
  });
  const linked = async (org: Org, roomId: string) => (await as(org).get(`/${roomId}`).expect(200)).body.linkedCases.map((c: { id: string }) => c.id).sort();
  const attachedTo = async (org: Org, caseId: string) =>
    (await hub.http.get(`/api/v1/incidents/${caseId}`).set(bearer(keys[org])).expect(200)).body.majorIncidents.map((m: { id: string }) => m.id);

  /** Who got the notice with this idempotency key in the inbox, once it was routed. */
  async function noticeReaders(key: string): Promise<{ title: string; readers: string[] }> {
    await hub.until(
      `the notice ${key} routed`,
      async () => (await hub.db.query(`SELECT routed_at FROM advisories WHERE idempotency_key = $1`, [key]))[0]?.routed_at != null,
    );
    const [notice] = await hub.db.query(`SELECT id, title FROM advisories WHERE idempotency_key = $1`, [key]);
    return { title: notice.title, readers: [...(await hub.inboxCount(notice.id)).keys()].sort() };
  }

  beforeAll(async () => {
    hub = await startAdvisoryHub();
    for (const org of ORGS) keys[org] = await hub.key(org, org === 'centre' ? ['analyst'] : ['analyst', 'reporter']);
    cases.litware = (await file('litware', incidentBundle({ tlp: 'TLP:AMBER', extra: { x_isac_aware_at: '2026-01-10T06:00:00Z' } }))).body.id;
    cases.woodgrove = (await file('woodgrove-bank', incidentBundle({ extra: { x_isac_aware_at: '2026-01-10T07:00:00Z' } }))).body.id;
    cases.healthGreen = (await file('health', incidentBundle({ tlp: 'TLP:GREEN', extra: { x_isac_aware_at: '2026-01-10T08:00:00Z' } }))).body.id;
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('only the centre escalates cases into a major incident; a case it names must exist', async () => {
    const unit = await as('energy')
      .post('', { title: 'x', tlp: 'TLP:AMBER', sectors: ['energy'], caseIds: [cases.litware] })
      .expect(403);
    expect(unit.body.code).toBe('MAJOR_INCIDENT.NOT_CENTRE');
    const unknown = await as('centre')
      .post('', { title: 'x', tlp: 'TLP:AMBER', sectors: ['energy'], caseIds: [cases.litware, randomUUID()] })
      .expect(400);
    expect(unknown.body.errors).toEqual([{ pointer: '/caseIds/1', detail: expect.stringMatching(/^no incident case /) }]);
    expect(await hub.db.query(`SELECT count(*)::int AS n FROM major_incidents`)).toEqual([{ n: 0 }]);
  });

  it('declares a room from a real case: the case is attached, its readers see it in the room', async () => {
    const res = await as('centre')
      .post('', { title: 'Grid ransomware', tlp: 'TLP:AMBER', sectors: ['energy', 'health'], caseIds: [cases.litware] })
      .expect(201);
    amberRoom = res.body.id;
    expect(res.body.linkedCases).toEqual([{ id: cases.litware, name: 'Ransomware at a substation operator', tlp: 'TLP:AMBER' }]);
    expect(await hub.db.query(`SELECT case_ids FROM major_incidents WHERE id = $1`, [amberRoom])).toEqual([{ case_ids: [cases.litware] }]);
    expect(await linked('energy', amberRoom)).toEqual([cases.litware]);
    // health may read the AMBER room but not litware's AMBER case (its audience is the centre and energy): not listed
    expect(await linked('health', amberRoom)).toEqual([]);
  });

  it("attaches cases of any sector after the declaration; another organisation's key attaches nothing", async () => {
    // a unit of the room, a sector outside it, and a case id the centre cannot name
    expect(
      (
        await as('energy')
          .post(`/${amberRoom}/cases`, { caseIds: [cases.healthGreen] })
          .expect(403)
      ).body.code,
    ).toBe('MAJOR_INCIDENT.NOT_CENTRE');
    const outside = await as('finance')
      .post(`/${amberRoom}/cases`, { caseIds: [cases.woodgrove] })
      .expect(404);
    expect(outside.body).toMatchObject({ code: 'MAJOR_INCIDENT.NOT_FOUND', detail: `No major incident ${amberRoom}.` });
    await as('centre')
      .post(`/${amberRoom}/cases`, { caseIds: ['not-a-uuid'] })
      .expect(400);
    expect(
      (
        await as('centre')
          .post(`/${amberRoom}/cases`, { caseIds: [randomUUID()] })
          .expect(400)
      ).body.errors[0].pointer,
    ).toBe('/caseIds/0');
    expect(await hub.db.query(`SELECT case_ids FROM major_incidents WHERE id = $1`, [amberRoom])).toEqual([{ case_ids: [cases.litware] }]);

    const res = await as('centre')
      .post(`/${amberRoom}/cases`, { caseIds: [cases.woodgrove, cases.healthGreen, cases.litware] })
      .expect(200);
    expect(res.body.linkedCases.map((c: { id: string }) => c.id).sort()).toEqual([cases.litware, cases.woodgrove, cases.healthGreen].sort());
    // attached once, whatever is sent twice
    expect((await hub.db.query(`SELECT case_ids FROM major_incidents WHERE id = $1`, [amberRoom]))[0].case_ids).toHaveLength(3);
  });

  it("the room lists each linked case only to those who may read it: nothing of finance's case to energy, health or litware", async () => {
    expect(await linked('centre', amberRoom)).toEqual([cases.litware, cases.woodgrove, cases.healthGreen].sort());
    expect(await linked('energy', amberRoom)).toEqual([cases.litware, cases.healthGreen].sort());
    expect(await linked('litware', amberRoom)).toEqual([cases.litware, cases.healthGreen].sort());
    expect(await linked('health', amberRoom)).toEqual([cases.healthGreen]);
    for (const org of ['energy', 'health', 'litware', 'lamna-hospital'] as const) {
      expect(JSON.stringify((await as(org).get(`/${amberRoom}`).expect(200)).body)).not.toContain(cases.woodgrove);
    }
    // finance and its member read nothing of the room, whose cases include theirs
    await as('finance').get(`/${amberRoom}`).expect(404);
    await as('woodgrove-bank').get(`/${amberRoom}`).expect(404);
  });

  it("a case's own view names the rooms it is attached to only to readers of each room", async () => {
    const red = await as('centre')
      .post('', { title: 'Grid wiper (RED)', tlp: 'TLP:RED', sectors: ['energy'], caseIds: [cases.litware, cases.healthGreen] })
      .expect(201);
    redRoom = red.body.id;
    // the unit reads both rooms; litware, energy's member, the AMBER one only: the RED room is not even counted
    expect((await attachedTo('energy', cases.litware)).sort()).toEqual([amberRoom, redRoom].sort());
    expect(await attachedTo('litware', cases.litware)).toEqual([amberRoom]);
    const view = (await hub.http.get(`/api/v1/incidents/${cases.litware}`).set(bearer(keys.litware)).expect(200)).body;
    expect(view.majorIncidents).toEqual([{ id: amberRoom, title: 'Grid ransomware', tlp: 'TLP:AMBER', state: 'open', exercise: false }]);
    expect(JSON.stringify(view)).not.toContain(redRoom);
    // woodgrove-bank reports a case attached to a room it may not read: its case shows no attachment
    expect(await attachedTo('woodgrove-bank', cases.woodgrove)).toEqual([]);
    expect(await attachedTo('finance', cases.woodgrove)).toEqual([]);
    // a GREEN case anyone reads, attached to both rooms: finance (not concerned) sees no room, health (its reporter) the AMBER one only
    expect(await attachedTo('finance', cases.healthGreen)).toEqual([]);
    expect(await attachedTo('health', cases.healthGreen)).toEqual([amberRoom]);
    expect((await attachedTo('centre', cases.healthGreen)).sort()).toEqual([amberRoom, redRoom].sort());
    // another sector's key reads neither the AMBER case nor the rooms
    await hub.http.get(`/api/v1/incidents/${cases.litware}`).set(bearer(keys.finance)).expect(404);
    await as('finance').get(`/${redRoom}`).expect(404);
    // each room named is an audited read
    const audited = await hub.db.query(
      `SELECT a.item_id FROM audit_log a JOIN organisations o ON o.id = a.reader_org_id WHERE o.slug = 'litware' AND a.item_kind = 'major-incident'`,
    );
    expect(audited.map((r: { item_id: string }) => r.item_id)).toContain(amberRoom);
    expect(audited.map((r: { item_id: string }) => r.item_id)).not.toContain(redRoom);
  });

  it("a reporter's key that is not an analyst's reads its case, and no room through it (rooms are the analysts')", async () => {
    const reporterOnly = await hub.key('litware', ['reporter']);
    await hub.http.get('/api/v1/major-incidents').set(bearer(reporterOnly)).expect(403);
    const view = (await hub.http.get(`/api/v1/incidents/${cases.litware}`).set(bearer(reporterOnly)).expect(200)).body;
    expect(view.majorIncidents).toEqual([]);
    expect(JSON.stringify(view)).not.toContain('Grid ransomware');
    expect(JSON.stringify(view)).not.toContain(amberRoom);
  });

  it('a sitrep reaches the inboxes of its readers, within its TLP: an AMBER one the units and members, a RED one the units only', async () => {
    const amber = await as('centre').post(`/${amberRoom}/sitreps`, { body: 'Two substations on manual control.', tlp: 'TLP:AMBER' }).expect(201);
    const amberNotice = await noticeReaders(`major-incident-sitrep-notice:${amber.body.id}`);
    expect(amberNotice.title).toBe('Sitrep: Grid ransomware');
    const members = ['adatum', 'lamna-hospital', 'litware', 'northwind-power', 'trey-diagnostics'];
    expect(amberNotice.readers).toEqual(['energy', 'health', ...members].sort());
    const red = await as('centre').post(`/${amberRoom}/sitreps`, { body: 'Attribution: state actor.', tlp: 'TLP:RED' }).expect(201);
    expect((await noticeReaders(`major-incident-sitrep-notice:${red.body.id}`)).readers).toEqual(['energy', 'health']);
    // through the API too: litware's inbox holds the AMBER sitrep, not the RED one; finance's neither
    const inboxBodies = async (org: Org) => JSON.stringify((await hub.http.get('/api/v1/inbox?limit=200').set(bearer(keys[org])).expect(200)).body.entries);
    expect(await inboxBodies('litware')).toContain('Two substations on manual control.');
    expect(await inboxBodies('litware')).not.toContain('Attribution: state actor.');
    expect(await inboxBodies('finance')).not.toContain('Grid ransomware');
    expect(await inboxBodies('woodgrove-bank')).not.toContain('Grid ransomware');
  });

  it("a task reaches its owner's inbox only; a decision and the stand-down reach the room's readers, not the one who wrote it", async () => {
    const task = await as('centre').post(`/${amberRoom}/tasks`, { title: 'Collect HMI logs', owner: 'litware', due: '2031-01-01T12:00:00Z' }).expect(201);
    expect(await noticeReaders(`major-incident-task-notice:${task.body.id}`)).toEqual({ title: 'Task for you: Collect HMI logs', readers: ['litware'] });
    const forCentre = await as('energy').post(`/${amberRoom}/tasks`, { title: 'Send a liaison', owner: 'centre' }).expect(201);
    expect((await noticeReaders(`major-incident-task-notice:${forCentre.body.id}`)).readers).toEqual(['centre']);

    const decision = await as('energy').post(`/${amberRoom}/decisions`, { text: 'Isolate the HMI networks' }).expect(201);
    const decided = await noticeReaders(`major-incident-decision-notice:${decision.body.id}`);
    expect(decided.title).toBe('Decision: Grid ransomware');
    expect(decided.readers).toEqual(['adatum', 'centre', 'health', 'lamna-hospital', 'litware', 'northwind-power', 'trey-diagnostics']);

    // the RED room: its notices never reach a member
    const redDecision = await as('centre').post(`/${redRoom}/decisions`, { text: 'Call in the national response team' }).expect(201);
    expect((await noticeReaders(`major-incident-decision-notice:${redDecision.body.id}`)).readers).toEqual(['energy']);

    await as('centre').post(`/${amberRoom}/stand-down`, { note: 'All sectors recovered' }).expect(200);
    const stoodDown = await noticeReaders(`major-incident-stand-down-notice:${amberRoom}`);
    expect(stoodDown.title).toBe('Stood down: Grid ransomware');
    expect(stoodDown.readers).toEqual(['adatum', 'energy', 'health', 'lamna-hospital', 'litware', 'northwind-power', 'trey-diagnostics']);
    // a stood-down room takes no more cases
    expect(
      (
        await as('centre')
          .post(`/${amberRoom}/cases`, { caseIds: [cases.woodgrove] })
          .expect(409)
      ).body.code,
    ).toBe('MAJOR_INCIDENT.CLOSED');
    // nothing of either room reached finance or its member
    const outside = await hub.db.query(
      `SELECT count(*)::int AS n FROM deliveries d JOIN organisations o ON o.id = d.org_id JOIN advisories a ON a.id = d.advisory_id
        WHERE o.slug IN ('finance', 'woodgrove-bank') AND a.idempotency_key LIKE 'major-incident%'`,
    );
    expect(outside).toEqual([{ n: 0 }]);
    // the attachment is still named on the case, now stood down
    expect((await hub.http.get(`/api/v1/incidents/${cases.litware}`).set(bearer(keys.litware)).expect(200)).body.majorIncidents).toEqual([
      expect.objectContaining({ id: amberRoom, state: 'stood-down' }),
    ]);
  });
});
