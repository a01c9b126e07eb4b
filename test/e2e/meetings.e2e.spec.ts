// From "new meeting" to a published agenda and an invitation, through the API (DESIGN §6):
// drafting from a seeded incident history with a TLP:RED case that health may not read, edits,
// publication as an advisory, exports, minutes and the open actions carried into the next draft.
import { advisoryRequest, alertRequest } from '../factories/advisories.js';
import { bearer } from '../factories/bearer.js';
import { incidentBundle } from '../factories/stix-bundles.js';
import ICAL from 'ical.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';

const STIX = 'application/stix+json;version=2.1';
const Q1 = { startsAt: '2027-02-03T09:00:00.000Z', endsAt: '2027-02-03T12:00:00.000Z' };

interface Item {
  id: string;
  title: string;
  kind: string;
  presenter: string;
  minutes: number;
  notes: string[];
}

/** RFC 5545 §3.1: a line starting with a space continues the previous one. */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n').slice(0, -1);
}

describe('meetings API', () => {
  let hub: ApiHarness;
  const keys: Record<string, string> = {};
  let meetingId: string;
  let redCaseId: string;
  let greenCaseId: string;
  let proposalId: string;

  const asCentre = () => bearer(keys.centre);
  const problem = (res: { status: number; body: { code: string; errors: { pointer: string }[] } }) => ({
    status: res.status,
    code: res.body.code,
    pointers: [...new Set((res.body.errors ?? []).map((e) => e.pointer))],
  });

  beforeAll(async () => {
    hub = await startApi();
    keys.centre = await hub.key('centre', ['coordinator', 'analyst']);
    keys.centreAnalyst = await hub.key('centre', ['analyst']);
    keys.centreAdmin = await hub.key('centre', ['admin']);
    keys.energy = await hub.key('energy', ['reporter', 'analyst']);
    keys.health = await hub.key('health', ['analyst']);
    keys.healthCoordinator = await hub.key('health', ['coordinator']);
    keys.telecom = await hub.key('telecom', ['analyst']);
    keys.litware = await hub.key('litware', ['analyst']);
    keys.fabrikam = await hub.key('fabrikam', ['analyst']);
    keys.healthReporter = await hub.key('health', ['reporter']);
    const file = async (extra: Record<string, unknown>, tlp?: 'TLP:RED' | 'TLP:GREEN') => {
      const res = await hub.http.post('/api/v1/incidents').set(bearer(keys.energy)).set('Content-Type', STIX).send(JSON.stringify(incidentBundle({ tlp, extra }))).expect(201);
      return res.body.id as string;
    };
    redCaseId = await file({ name: 'Substation ransomware (restricted)', x_isac_severity: 'critical' }, 'TLP:RED');
    greenCaseId = await file({ name: 'Phishing wave against grid operators', x_isac_aware_at: '2026-01-10T06:00:00Z' }, 'TLP:GREEN');
    await hub.http.post('/api/v1/alerts').set(bearer(keys.centreAnalyst)).send(alertRequest({ title: 'Actively exploited VPN flaw' })).expect(201);
    const advise = (body: Record<string, unknown>) => hub.http.post('/api/v1/advisories').set(bearer(keys.energy)).send(advisoryRequest(body)).expect(201);
    await advise({ title: 'Grid and hospital backup power', tlp: 'TLP:GREEN', audience: { sectors: ['energy', 'health'] } });
    await advise({ title: 'Substation firmware (strict)', tlp: 'TLP:AMBER+STRICT', audience: { organisations: ['energy', 'transport'] } });
    await advise({ title: 'Energy only', tlp: 'TLP:GREEN', audience: { sectors: ['energy'] } }); // one sector: not cross-sector news
  });
  afterAll(() => hub.close());

  describe('POST /api/v1/meetings', () => {
    const valid = { title: 'Network meeting Q1 <b>&amp;</b>', ...Q1, location: 'Room 1, "HQ"', participants: ['centre', 'energy', 'health'], series: 'sector-network', organizerEmail: 'meetings@ncsc.example' };

    it('201 with the meeting: draft, TLP:AMBER by default, participants by slug, coordinator', async () => {
      const res = await hub.http.post('/api/v1/meetings').set(asCentre()).send(valid).expect(201);
      meetingId = res.body.id;
      expect(res.body).toMatchObject({ ...Q1, title: valid.title, participants: ['centre', 'energy', 'health'], tlp: 'TLP:AMBER', state: 'draft', coordinator: 'centre', series: 'sector-network', hasAgenda: false });
    });

    it.each<[string, object, number, string, string[]]>([
      ['missing title', { ...valid, title: undefined }, 400, 'REQUEST.VALIDATION_FAILED', ['/title']],
      ['unknown field', { ...valid, colour: 'blue' }, 400, 'REQUEST.VALIDATION_FAILED', ['/colour']],
      ['startsAt not a date', { ...valid, startsAt: 'tomorrow' }, 400, 'REQUEST.VALIDATION_FAILED', ['/startsAt']],
      ['breaks too short', { ...valid, breaks: { everyMinutes: 5, breakMinutes: 10 } }, 400, 'REQUEST.VALIDATION_FAILED', ['/breaks/everyMinutes']],
      ['unknown participant', { ...valid, participants: ['centre', 'atlantis'] }, 400, 'MEETING.INVALID', ['/participants/1']],
      ['participant twice', { ...valid, participants: ['centre', 'centre'] }, 400, 'MEETING.INVALID', ['/participants/1']],
      ['ends before it starts', { ...valid, endsAt: '2027-02-03T08:00:00.000Z' }, 400, 'MEETING.INVALID', ['/endsAt']],
      ['not a TLP label', { ...valid, tlp: 'AMBER' }, 400, 'MEETING.INVALID', ['/tlp']],
    ])('%s: %i %s', async (_name, body, status, code, pointers) => {
      const res = await hub.http.post('/api/v1/meetings').set(asCentre()).send(body);
      expect(problem(res)).toEqual({ status, code, pointers });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('a missing series is said to be required; a bad one, what it must be', async () => {
      const missing = await hub.http.post('/api/v1/meetings').set(asCentre()).send({ ...valid, series: undefined }).expect(400);
      expect(missing.body.errors).toEqual([expect.objectContaining({ pointer: '/series', detail: 'series is required' })]);
      const bad = await hub.http.post('/api/v1/meetings').set(asCentre()).send({ ...valid, series: 'Sector Network' }).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: '/series', detail: 'series must be lower-case letters, digits and dashes' })]);
    });

    it('403 without the coordinator role; 401 without a key', async () => {
      expect(problem(await hub.http.post('/api/v1/meetings').set(bearer(keys.centreAnalyst)).send(valid))).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
      expect((await hub.http.post('/api/v1/meetings').send(valid)).status).toBe(401);
    });
  });

  describe('GET and PATCH', () => {
    it('lists the meetings the caller coordinates or takes part in', async () => {
      const mine = await hub.http.get('/api/v1/meetings?series=sector-network').set(asCentre()).expect(200);
      expect(mine.body.meetings.map((m: { id: string }) => m.id)).toContain(meetingId);
      const theirs = await hub.http.get('/api/v1/meetings').set(bearer(keys.healthCoordinator)).expect(200);
      expect(theirs.body.meetings.map((m: { id: string }) => m.id)).toContain(meetingId); // health participates
    });

    it('a participant reads the meeting; an outsider gets 404 as for a missing one', async () => {
      await hub.http.get(`/api/v1/meetings/${meetingId}`).set(bearer(keys.health)).expect(200);
      expect(problem(await hub.http.get(`/api/v1/meetings/${meetingId}`).set(bearer(keys.telecom)))).toMatchObject({ status: 404, code: 'MEETING.NOT_FOUND' });
      expect(problem(await hub.http.get('/api/v1/meetings/not-a-uuid').set(asCentre()))).toMatchObject({ status: 404, code: 'MEETING.NOT_FOUND' });
    });

    it('PATCH changes a draft; only the coordinating organisation may; bad input has pointers', async () => {
      const res = await hub.http.patch(`/api/v1/meetings/${meetingId}`).set(asCentre()).send({ onlineUrl: 'https://meet.example/q1?a=1&b=2' }).expect(200);
      expect(res.body.onlineUrl).toBe('https://meet.example/q1?a=1&b=2');
      expect(problem(await hub.http.patch(`/api/v1/meetings/${meetingId}`).set(bearer(keys.healthCoordinator)).send({ title: 'x' }))).toMatchObject({ status: 404, code: 'MEETING.NOT_FOUND' });
      expect(problem(await hub.http.patch(`/api/v1/meetings/${meetingId}`).set(asCentre()).send({ endsAt: '2027-02-03T08:00:00.000Z' }))).toEqual({ status: 400, code: 'MEETING.INVALID', pointers: ['/endsAt'] });
      expect(problem(await hub.http.patch(`/api/v1/meetings/${meetingId}`).set(asCentre()).send({ state: 'published' }))).toEqual({ status: 400, code: 'REQUEST.VALIDATION_FAILED', pointers: ['/state'] });
      expect(problem(await hub.http.patch(`/api/v1/meetings/${meetingId}`).set(asCentre()).send({ state: 'held' }))).toMatchObject({ status: 409, code: 'MEETING.CONFLICT' });
    });

    it('PATCH with null clears the place, the link and the organizer; null for anything else is refused with its pointer', async () => {
      const set = await hub.http.patch(`/api/v1/meetings/${meetingId}`).set(asCentre()).send({ location: 'Room 2', onlineUrl: 'https://meet.example/q1' }).expect(200);
      expect(set.body).toMatchObject({ location: 'Room 2', onlineUrl: 'https://meet.example/q1' });
      const cleared = await hub.http.patch(`/api/v1/meetings/${meetingId}`).set(asCentre()).send({ location: null, onlineUrl: null, organizerEmail: null }).expect(200);
      expect([cleared.body.location, cleared.body.onlineUrl, cleared.body.organizerEmail]).toEqual([null, null, null]);
      const read = await hub.http.get(`/api/v1/meetings/${meetingId}`).set(asCentre()).expect(200);
      expect([read.body.location, read.body.onlineUrl, read.body.organizerEmail]).toEqual([null, null, null]);
      expect(read.body.title).toBe('Network meeting Q1 <b>&amp;</b>');
      for (const field of ['title', 'startsAt', 'endsAt', 'participants', 'tlp', 'series', 'breaks', 'state']) {
        expect(problem(await hub.http.patch(`/api/v1/meetings/${meetingId}`).set(asCentre()).send({ [field]: null }))).toEqual({ status: 400, code: 'REQUEST.VALIDATION_FAILED', pointers: [`/${field}`] });
      }
      await hub.http.patch(`/api/v1/meetings/${meetingId}`).set(asCentre()).send({ location: 'Room 1, "HQ"', onlineUrl: 'https://meet.example/q1?a=1&b=2', organizerEmail: 'meetings@ncsc.example' }).expect(200);
    });
    it('PATCH with an empty or blank place, link or organizer clears it as null does (an emptied form field)', async () => {
      await hub.http.patch(`/api/v1/meetings/${meetingId}`).set(asCentre()).send({ location: 'Room 2', onlineUrl: 'https://meet.example/q1', organizerEmail: 'meetings@ncsc.example' }).expect(200);
      const cleared = await hub.http.patch(`/api/v1/meetings/${meetingId}`).set(asCentre()).send({ location: '', onlineUrl: '  ', organizerEmail: '' }).expect(200);
      expect([cleared.body.location, cleared.body.onlineUrl, cleared.body.organizerEmail]).toEqual([null, null, null]);
      const read = await hub.http.get(`/api/v1/meetings/${meetingId}`).set(asCentre()).expect(200);
      expect([read.body.location, read.body.onlineUrl, read.body.organizerEmail]).toEqual([null, null, null]);
      // a meeting with neither place nor link yet is a valid draft; the one field left set stays
      const linkOnly = await hub.http.patch(`/api/v1/meetings/${meetingId}`).set(asCentre()).send({ onlineUrl: 'https://meet.example/q1' }).expect(200);
      expect([linkOnly.body.location, linkOnly.body.onlineUrl]).toEqual([null, 'https://meet.example/q1']);
      await hub.http.patch(`/api/v1/meetings/${meetingId}`).set(asCentre()).send({ location: 'Room 1, "HQ"', onlineUrl: 'https://meet.example/q1?a=1&b=2', organizerEmail: 'meetings@ncsc.example' }).expect(200);
    });

    it.each<[string, object, string[]]>([
      ['a place that is not text', { location: 42 }, ['/location']],
      ['a place too long', { location: 'x'.repeat(501) }, ['/location']],
      ['a link that is not http(s)', { onlineUrl: 'ftp://meet.example/q1' }, ['/onlineUrl']],
      ['a link that is not a URL', { onlineUrl: 'room 2' }, ['/onlineUrl']],
      ['an organizer that is not a mail address', { organizerEmail: 'coordinator' }, ['/organizerEmail']],
      ['both bad at once', { location: [], onlineUrl: 7 }, ['/location', '/onlineUrl']],
    ])('PATCH refuses %s with its pointer and changes nothing', async (_name, body, pointers) => {
      expect(problem(await hub.http.patch(`/api/v1/meetings/${meetingId}`).set(asCentre()).send(body))).toEqual({ status: 400, code: 'REQUEST.VALIDATION_FAILED', pointers });
      const read = await hub.http.get(`/api/v1/meetings/${meetingId}`).set(asCentre()).expect(200);
      expect([read.body.location, read.body.onlineUrl, read.body.organizerEmail]).toEqual(['Room 1, "HQ"', 'https://meet.example/q1?a=1&b=2', 'meetings@ncsc.example']);
    });
  });

  describe('POST /api/v1/meetings/:id/proposals', () => {
    it('201 from a participating sector unit', async () => {
      const res = await hub.http.post(`/api/v1/meetings/${meetingId}/proposals`).set(bearer(keys.health)).send({ title: 'Hospital ransomware exercise: lessons', minutes: 15 }).expect(201);
      proposalId = res.body.id;
      expect(res.body).toMatchObject({ author: 'health', tlp: 'TLP:AMBER', minutes: 15 });
    });

    it('refuses a wrong role (403), a member or outsider (404), a bad label (400 /tlp), a bad body (400 /minutes)', async () => {
      const body = { title: 'x' };
      expect(problem(await hub.http.post(`/api/v1/meetings/${meetingId}/proposals`).set(bearer(keys.litware)).send(body))).toMatchObject({ status: 404, code: 'MEETING.NOT_FOUND' });
      expect(problem(await hub.http.post(`/api/v1/meetings/${meetingId}/proposals`).set(bearer(keys.telecom)).send(body))).toMatchObject({ status: 404, code: 'MEETING.NOT_FOUND' });
      expect(problem(await hub.http.post(`/api/v1/meetings/${meetingId}/proposals`).set(bearer(keys.health)).send({ ...body, tlp: 'RED' }))).toEqual({ status: 400, code: 'PROPOSAL.INVALID', pointers: ['/tlp'] });
      expect(problem(await hub.http.post(`/api/v1/meetings/${meetingId}/proposals`).set(bearer(keys.health)).send({ ...body, minutes: 0 }))).toEqual({ status: 400, code: 'REQUEST.VALIDATION_FAILED', pointers: ['/minutes'] });
      expect(problem(await hub.http.post(`/api/v1/meetings/${meetingId}/proposals`).set(bearer(keys.healthReporter)).send(body))).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    });
  });

  describe('drafting, editing', () => {
    let items: Item[];

    it('exports before a draft: 404 AGENDA.NOT_FOUND', async () => {
      expect(problem(await hub.http.get(`/api/v1/meetings/${meetingId}/agenda.md`).set(asCentre()))).toMatchObject({ status: 404, code: 'AGENDA.NOT_FOUND' });
    });

    it('drafts from the facts: the RED case from energy is left out with the reason, time boxes fit the meeting and the spare time stays unallocated', async () => {
      const res = await hub.http.post(`/api/v1/meetings/${meetingId}/agenda/draft`).set(asCentre()).expect(200);
      const { agenda, gaps, period } = res.body;
      items = agenda.items;
      const gridAdvisoryId = agenda.items.find((i: Item) => i.kind === 'advisory')?.id.slice('advisory:'.length);
      expect(items.find((i) => i.id === 'alerts')).toMatchObject({ title: 'Alerts issued and their acknowledgement (1)', presenter: 'centre' });
      expect(items.find((i) => i.kind === 'advisory')).toMatchObject({ title: 'Advisory: Grid and hospital backup power', presenter: 'energy' });
      expect(period).toEqual({ from: null, to: expect.any(String), since: null, previousMeetingId: null });
      expect(gaps).toEqual([]);
      expect(agenda.excluded).toEqual([
        {
          kind: 'incidents',
          id: redCaseId,
          title: 'Substation ransomware (restricted)', // the coordinator (centre) may read it, so it sees the item and why
          reason: 'TLP:RED from energy, not readable by health',
          codes: ['TLP.NOT_RECIPIENT'],
          notReadableBy: ['health'],
        },
      ]);
      // AMBER+STRICT to energy and transport: not even the coordinator (centre) may read it, so it is only counted
      expect(agenda.excludedUnlisted).toBe(1);
      expect(JSON.stringify(res.body)).not.toContain('Substation firmware');
      expect(JSON.stringify(res.body)).not.toContain('TLP:AMBER+STRICT from energy');
      expect(items.map((i) => i.id)).toEqual([
        'incidents:energy:high',
        'alerts',
        `advisory:${gridAdvisoryId}`,
        'threat-picture',
        'standing:infrastructure-overview:energy',
        'standing:infrastructure-overview:health',
        'standing:preparedness',
        `proposal:${proposalId}`,
        'closing',
      ].map((id) => (id === 'threat-picture' ? 'standing:threat-picture' : id)));
      const incidents = items[0];
      expect(incidents).toMatchObject({ presenter: 'energy', title: 'Incidents in energy: high severity (1)' });
      expect(incidents.notes[0]).toMatch(/^Phishing wave against grid operators — NIS2 stage early-warning; overdue: notification, final/);
      expect(JSON.stringify({ ...agenda, excluded: [] })).not.toContain('Substation ransomware'); // only in `excluded`
      const breaks = agenda.schedule.filter((s: { type: string }) => s.type === 'break').length;
      // 70 minutes of business and a 10-minute close in a 3-hour meeting: it ends at 10:20, with 100 minutes spare
      expect(items.at(-1)).toMatchObject({ id: 'closing', minutes: 10 });
      expect([breaks, items.reduce((n, i) => n + i.minutes, 0)]).toEqual([0, 80]);
      expect(agenda).toMatchObject({ totalMinutes: 80, availableMinutes: 180, overTimeMinutes: 0, tlp: 'TLP:AMBER' });
      expect(agenda.schedule.at(-1)).toMatchObject({ type: 'item', itemId: 'closing', endsAt: '2027-02-03T10:20:00.000Z' });
    });

    it('a participant does not see the draft agenda nor its exclusions', async () => {
      const res = await hub.http.get(`/api/v1/meetings/${meetingId}`).set(bearer(keys.health)).expect(200);
      expect(res.body.agenda).toBeNull();
      expect(problem(await hub.http.get(`/api/v1/meetings/${meetingId}/agenda.md`).set(bearer(keys.health)))).toMatchObject({ status: 404, code: 'AGENDA.NOT_FOUND' });
    });

    it('PATCH .../agenda applies edits in order: time box, move, add, remove', async () => {
      const res = await hub.http
        .patch(`/api/v1/meetings/${meetingId}/agenda`)
        .set(asCentre())
        .send({
          operations: [
            { op: 'remove', itemId: 'closing' },
            { op: 'setTimeBox', itemId: `proposal:${proposalId}`, minutes: 20 },
            { op: 'move', itemId: `proposal:${proposalId}`, position: 0 },
            { op: 'add', item: { title: 'Tour de table <all>', presenter: 'health', minutes: 10 }, position: 1 },
          ],
        })
        .expect(200);
      const after: Item[] = res.body.agenda.items;
      expect(after[0]).toMatchObject({ id: `proposal:${proposalId}`, minutes: 20 });
      expect(after[1]).toMatchObject({ title: 'Tour de table <all>', presenter: 'health', minutes: 10, kind: 'other' });
      expect(after.some((i) => i.id === 'closing')).toBe(false);
    });

    it.each<[string, object[], number, string, string[]]>([
      ['unknown item', [{ op: 'remove', itemId: 'nope' }], 422, 'AGENDA.ITEM_NOT_FOUND', ['/operations/0']],
      ['second op refused, none applied', [{ op: 'setTimeBox', itemId: 'standing:preparedness', minutes: 5 }, { op: 'move', itemId: 'standing:preparedness' }], 400, 'AGENDA.INVALID', ['/operations/1']],
      ['time box of zero', [{ op: 'setTimeBox', itemId: 'standing:preparedness', minutes: 0 }], 422, 'AGENDA.INVALID_TIME_BOX', ['/operations/0']],
      ['position outside the agenda', [{ op: 'move', itemId: 'standing:preparedness', position: 99 }], 422, 'AGENDA.INVALID_POSITION', ['/operations/0']],
      ['presenter not in the network', [{ op: 'add', item: { title: 'x', presenter: 'atlantis', minutes: 5 } }], 400, 'AGENDA.INVALID', ['/operations/0']],
      ['unknown op', [{ op: 'shuffle' }], 400, 'REQUEST.VALIDATION_FAILED', ['/operations/0/op']],
      ['no operations', [], 400, 'REQUEST.VALIDATION_FAILED', ['/operations']],
    ])('%s: %i %s', async (_name, operations, status, code, pointers) => {
      const res = await hub.http.patch(`/api/v1/meetings/${meetingId}/agenda`).set(asCentre()).send({ operations });
      expect(problem(res)).toEqual({ status, code, pointers });
      const current = await hub.http.get(`/api/v1/meetings/${meetingId}`).set(asCentre()).expect(200);
      expect(current.body.agenda.items.find((i: Item) => i.id === 'standing:preparedness').minutes).toBe(10);
    });
  });

  describe('publishing and exports', () => {
    it('publishes the agenda as an advisory to the participants under its TLP', async () => {
      const res = await hub.http.post(`/api/v1/meetings/${meetingId}/publish`).set(asCentre()).expect(200);
      expect(res.body).toMatchObject({ state: 'published', tlp: 'TLP:AMBER', advisoryId: expect.any(String) });
      const advisory = await hub.http.get(`/api/v1/advisories/${res.body.advisoryId}`).set(bearer(keys.health)).expect(200);
      expect(advisory.body).toMatchObject({ tlp: 'TLP:AMBER', author: { slug: 'centre' }, audience: { organisations: ['centre', 'energy', 'health'] } });
      expect(advisory.body.body).toContain('Tour de table \\<all\\>');
      // the policy decides who else reads it: fabrikam (a member of telecom, which is not named) may not
      expect((await hub.http.get(`/api/v1/advisories/${res.body.advisoryId}`).set(bearer(keys.fabrikam))).status).toBe(404);
    });

    it('publishing twice or editing afterwards: 409 MEETING.CONFLICT', async () => {
      expect(problem(await hub.http.post(`/api/v1/meetings/${meetingId}/publish`).set(asCentre()))).toMatchObject({ status: 409, code: 'MEETING.CONFLICT' });
      expect(problem(await hub.http.post(`/api/v1/meetings/${meetingId}/agenda/draft`).set(asCentre()))).toMatchObject({ status: 409, code: 'MEETING.CONFLICT' });
      expect(problem(await hub.http.patch(`/api/v1/meetings/${meetingId}/agenda`).set(asCentre()).send({ operations: [{ op: 'remove', itemId: 'x' }] }))).toMatchObject({ status: 409, code: 'MEETING.CONFLICT' });
      expect(problem(await hub.http.post(`/api/v1/meetings/${meetingId}/proposals`).set(bearer(keys.health)).send({ title: 'late' }))).toMatchObject({ status: 409, code: 'MEETING.CONFLICT' });
    });

    it('agenda.md: text/markdown with the TLP label first and last', async () => {
      const res = await hub.http.get(`/api/v1/meetings/${meetingId}/agenda.md`).set(bearer(keys.health)).expect(200);
      expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
      const lines = res.text.trim().split('\n');
      expect([lines[0], lines.at(-1)]).toEqual(['**TLP:AMBER**', '**TLP:AMBER**']);
      expect(res.text).not.toContain('Substation ransomware');
    });

    it('agenda.html: escaped, with the TLP label in header and footer', async () => {
      const res = await hub.http.get(`/api/v1/meetings/${meetingId}/agenda.html`).set(bearer(keys.energy)).expect(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('<h1>Agenda: Network meeting Q1 &lt;b&gt;&amp;amp;&lt;/b&gt;</h1>');
      expect(res.text).toContain('Tour de table &lt;all&gt;');
      expect(res.text).not.toContain('<all>');
      expect(res.text).toMatch(/<header class="tlp-banner"><span class="tlp" style="color:#FFC000;background-color:#000000">TLP:AMBER<\/span><\/header>/);
      expect(res.text).toMatch(/<footer class="tlp-banner"><span class="tlp" style="color:#FFC000;background-color:#000000">TLP:AMBER<\/span><\/footer>/);
    });

    it('meeting.ics: RFC 5545 lines, attendees, TLP in summary and description', async () => {
      const res = await hub.http.get(`/api/v1/meetings/${meetingId}/meeting.ics`).set(bearer(keys.health)).expect(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(res.text.endsWith('\r\n')).toBe(true);
      for (const physical of res.text.split('\r\n')) expect(Buffer.byteLength(physical)).toBeLessThanOrEqual(75);
      const lines = unfold(res.text);
      expect(lines.slice(0, 4)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//isac-hub//meetings//EN', 'CALSCALE:GREGORIAN']);
      expect(lines.slice(-2)).toEqual(['END:VEVENT', 'END:VCALENDAR']);
      const props = new Map<string, string[]>();
      for (const line of lines) {
        const match = /^([A-Z-]+)((?:;[^:]*)?):(.*)$/.exec(line);
        expect(match).not.toBeNull();
        props.set(match![1], [...(props.get(match![1]) ?? []), line]);
      }
      expect(props.get('UID')).toEqual([`UID:${meetingId}@isac-hub`]);
      expect(props.get('DTSTART')).toEqual(['DTSTART:20270203T090000Z']);
      expect(props.get('DTEND')).toEqual(['DTEND:20270203T120000Z']);
      expect(props.get('SUMMARY')).toEqual(['SUMMARY:[TLP:AMBER] Network meeting Q1 <b>&amp\\;</b>']);
      expect(props.get('LOCATION')).toEqual(['LOCATION:Room 1\\, "HQ"']);
      expect(props.get('ORGANIZER')).toEqual(['ORGANIZER;CN=National Cyber Security Centre:mailto:meetings@ncsc.example']);
      expect(props.get('ATTENDEE')).toHaveLength(3);
      expect(props.get('ATTENDEE')![2]).toBe('ATTENDEE;CUTYPE=GROUP;ROLE=REQ-PARTICIPANT;CN=Health Sector CSIRT:urn:isac:organisation:health');
      expect(props.get('DESCRIPTION')![0]).toMatch(/^DESCRIPTION:TLP:AMBER\\nParticipants: .*\\nTLP:AMBER$/);
      expect(props.get('CLASS')).toEqual(['CLASS:PRIVATE']);

      // and as a calendar client reads it: parsed back by an iCalendar library
      const calendar = new ICAL.Component(ICAL.parse(res.text));
      expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
      const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
      expect(event.uid).toBe(`${meetingId}@isac-hub`);
      expect(event.summary).toBe('[TLP:AMBER] Network meeting Q1 <b>&amp;</b>');
      expect(event.location).toBe('Room 1, "HQ"');
      expect(event.startDate.toJSDate().toISOString()).toBe(Q1.startsAt);
      expect(event.endDate.toJSDate().toISOString()).toBe(Q1.endsAt);
      expect(event.attendees.map((a) => a.getParameter('cn'))).toContain('Health Sector CSIRT');
      expect(event.attendees).toHaveLength(3);
      expect(event.description).toMatch(/^TLP:AMBER\nParticipants: [^\n]+\n[\s\S]*TLP:AMBER$/);
    });

    it('an outsider gets 404; a participant sees the published agenda without the exclusions', async () => {
      expect(problem(await hub.http.get(`/api/v1/meetings/${meetingId}/meeting.ics`).set(bearer(keys.telecom)))).toMatchObject({ status: 404, code: 'MEETING.NOT_FOUND' });
      const res = await hub.http.get(`/api/v1/meetings/${meetingId}`).set(bearer(keys.health)).expect(200);
      expect(res.body.agenda.items.length).toBeGreaterThan(0);
      expect(res.body.agenda.excluded).toBeUndefined();
    });

    it("participants' reads of the AMBER agenda are in the audit log (channel agenda); the coordinator's own are not", async () => {
      const res = await hub.http.get(`/api/v1/audit?itemId=${meetingId}`).set(bearer(keys.centreAdmin)).expect(200);
      const readers = res.body.entries.map((e: { readerOrgId: string; channel: string; itemKind: string; tlp: string }) => `${e.itemKind} ${e.channel} ${e.tlp}`);
      expect(new Set(readers)).toEqual(new Set(['agenda agenda TLP:AMBER']));
      expect(res.body.entries.length).toBeGreaterThanOrEqual(4); // health: md, ics, GET; energy: html
    });
  });

  describe('minutes, carried-over actions', () => {
    let actionId: string;

    it('records a decision and an action against agenda items', async () => {
      const decision = await hub.http.post(`/api/v1/meetings/${meetingId}/minutes/decisions`).set(asCentre()).send({ agendaItemId: 'incidents:energy:high', text: 'Energy shares the phishing IoCs by Friday.' }).expect(201);
      expect(decision.body).toMatchObject({ agendaItemId: 'incidents:energy:high' });
      const action = await hub.http.post(`/api/v1/meetings/${meetingId}/minutes/actions`).set(asCentre()).send({ agendaItemId: 'standing:preparedness', title: 'Plan the joint exercise', owner: 'health', due: '2026-01-31' }).expect(201);
      actionId = action.body.id;
      expect(action.body).toMatchObject({ owner: 'health', due: '2026-01-31', status: 'open', overdue: true, tlp: 'TLP:AMBER' });
      await hub.http.post(`/api/v1/meetings/${meetingId}/minutes/actions`).set(asCentre()).send({ title: 'Done soon', owner: 'energy', due: '2030-01-01' }).expect(201);
    });

    it.each<[string, string, object, number, string, string[]]>([
      ['decision on an unknown item', 'decisions', { agendaItemId: 'nope', text: 'x' }, 400, 'MINUTES.INVALID', ['/agendaItemId']],
      ['decision without text', 'decisions', { agendaItemId: 'closing' }, 400, 'REQUEST.VALIDATION_FAILED', ['/text']],
      ['owner not a participant', 'actions', { title: 'x', owner: 'telecom', due: '2027-03-01' }, 400, 'MINUTES.INVALID', ['/owner']],
      ['due not a date', 'actions', { title: 'x', owner: 'health', due: '1 March' }, 400, 'REQUEST.VALIDATION_FAILED', ['/due']],
      ['due not a calendar day', 'actions', { title: 'x', owner: 'health', due: '2027-13-45' }, 400, 'MINUTES.INVALID', ['/due']],
    ])('%s: %i %s', async (_name, path, body, status, code, pointers) => {
      expect(problem(await hub.http.post(`/api/v1/meetings/${meetingId}/minutes/${path}`).set(asCentre()).send(body))).toEqual({ status, code, pointers });
    });

    it('GET .../minutes flags the overdue action; participants may read it', async () => {
      const res = await hub.http.get(`/api/v1/meetings/${meetingId}/minutes`).set(bearer(keys.health)).expect(200);
      expect(res.body).toMatchObject({ overdue: 1, decisions: [{ text: 'Energy shares the phishing IoCs by Friday.' }] });
      expect(res.body.actions).toHaveLength(2);
    });

    it('status updates; a cancelled action cannot be reopened', async () => {
      const other = (await hub.http.get(`/api/v1/meetings/${meetingId}/minutes`).set(asCentre())).body.actions.find((a: { title: string }) => a.title === 'Done soon');
      await hub.http.patch(`/api/v1/meetings/${meetingId}/minutes/actions/${other.id}`).set(asCentre()).send({ status: 'cancelled' }).expect(200);
      expect(problem(await hub.http.patch(`/api/v1/meetings/${meetingId}/minutes/actions/${other.id}`).set(asCentre()).send({ status: 'open' }))).toEqual({ status: 422, code: 'MEETINGS.ACTION_CANCELLED', pointers: ['/status'] });
      expect(problem(await hub.http.patch(`/api/v1/meetings/${meetingId}/minutes/actions/${other.id}`).set(asCentre()).send({ status: 'lost' }))).toEqual({ status: 400, code: 'REQUEST.VALIDATION_FAILED', pointers: ['/status'] });
      expect(problem(await hub.http.patch(`/api/v1/meetings/${meetingId}/minutes/actions/00000000-0000-4000-8000-000000000000`).set(asCentre()).send({ status: 'done' }))).toMatchObject({ status: 404, code: 'ACTION.NOT_FOUND' });
    });

    it('marks the meeting held', async () => {
      const res = await hub.http.patch(`/api/v1/meetings/${meetingId}`).set(asCentre()).send({ state: 'held' }).expect(200);
      expect(res.body.state).toBe('held');
    });

    it('the next meeting of the series carries the open action, flagged overdue; its period starts at Q1', async () => {
      const next = await hub.http
        .post('/api/v1/meetings')
        .set(asCentre())
        .send({ title: 'Network meeting Q2', startsAt: '2027-05-05T09:00:00.000Z', endsAt: '2027-05-05T11:00:00.000Z', participants: ['centre', 'energy', 'health'], series: 'sector-network', tlp: 'TLP:GREEN' })
        .expect(201);
      const res = await hub.http.post(`/api/v1/meetings/${next.body.id}/agenda/draft`).set(asCentre()).expect(200);
      expect(res.body.period).toEqual({ from: Q1.startsAt, to: expect.any(String), since: Q1.startsAt, previousMeetingId: meetingId });
      const actions: Item = res.body.agenda.items.find((i: Item) => i.id === 'action-items');
      expect(actions).toMatchObject({ title: 'Open action items from earlier meetings (1, 1 overdue)', presenter: 'centre' });
      expect(actions.notes[0]).toMatch(/^Plan the joint exercise — owner health, due 2026-01-31 \(OVERDUE by \d+ days\)$/);
      // incidents opened before Q1 are outside this period; the action keeps its AMBER minutes' marking
      expect(res.body.agenda.items.some((i: Item) => i.kind === 'incidents')).toBe(false);
      expect(res.body.agenda.tlp).toBe('TLP:AMBER');
      expect(actionId).toBeDefined();

      // participants changed after drafting: edits and publishing ask for a new draft
      await hub.http.patch(`/api/v1/meetings/${next.body.id}`).set(asCentre()).send({ participants: ['centre', 'energy', 'health', 'fabrikam'] }).expect(200);
      expect(problem(await hub.http.patch(`/api/v1/meetings/${next.body.id}/agenda`).set(asCentre()).send({ operations: [{ op: 'remove', itemId: 'closing' }] }))).toEqual({ status: 409, code: 'AGENDA.PARTICIPANTS_CHANGED', pointers: ['/operations/0'] });
      expect(problem(await hub.http.post(`/api/v1/meetings/${next.body.id}/publish`).set(asCentre()))).toMatchObject({ status: 409, code: 'AGENDA.PARTICIPANTS_CHANGED' });
      // redrafted for fabrikam too: the AMBER action from Q1's minutes is not for a member of an unnamed unit
      const redraft = await hub.http.post(`/api/v1/meetings/${next.body.id}/agenda/draft`).set(asCentre()).expect(200);
      expect(redraft.body.agenda.excluded).toEqual([expect.objectContaining({ kind: 'action-items', reason: 'TLP:AMBER from centre, not readable by fabrikam' })]);
      expect(greenCaseId).toBeDefined();
    });
  });
});
