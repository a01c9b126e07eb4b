// Issue 17: participants propose agenda items and the coordinator puts them on the agenda; a
// published agenda is corrected as a new version. Through the API against the real database, with
// the attacker's requests for each route: another organisation, no key, a key without the role.
import { bearer } from '../factories/bearer.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';

const Q1 = { startsAt: '2027-02-03T09:00:00.000Z', endsAt: '2027-02-03T12:00:00.000Z' };

interface Item {
  id: string;
  title: string;
  minutes: number;
}

describe('meetings: proposals, accepting them, corrections as versions', () => {
  let hub: ApiHarness;
  const keys: Record<string, string> = {};
  let meetingId: string;
  let lateProposalId: string;
  let strictProposalId: string;

  const as = (key: string) => bearer(keys[key]);
  const problem = (res: { status: number; body: { code?: string; errors?: { pointer: string }[] } }) => ({
    status: res.status,
    code: res.body.code,
    pointers: [...new Set((res.body.errors ?? []).map((e) => e.pointer))],
  });
  const path = (rest = '') => `/api/v1/meetings/${meetingId}${rest}`;

  beforeAll(async () => {
    hub = await startApi();
    keys.centre = await hub.key('centre', ['coordinator', 'analyst']);
    keys.centreAnalyst = await hub.key('centre', ['analyst']);
    keys.health = await hub.key('health', ['analyst']);
    keys.healthCoordinator = await hub.key('health', ['coordinator']);
    keys.healthReporter = await hub.key('health', ['reporter']);
    keys.energy = await hub.key('energy', ['analyst']);
    keys.telecom = await hub.key('telecom', ['analyst', 'coordinator']);
    keys.lamna = await hub.key('lamna-hospital', ['analyst']);
    const created = await hub.http
      .post('/api/v1/meetings')
      .set(as('centre'))
      .send({ title: 'Network meeting Q1', ...Q1, participants: ['centre', 'energy', 'health'], series: 'corrections' })
      .expect(201);
    meetingId = created.body.id;
  });
  afterAll(() => hub.close());

  describe('proposals', () => {
    it('a participant lists the meetings it takes part in with an analyst key; an outsider does not see it', async () => {
      const mine = await hub.http.get('/api/v1/meetings').set(as('health')).expect(200);
      expect(mine.body.meetings.map((m: { id: string }) => m.id)).toContain(meetingId);
      const theirs = await hub.http.get('/api/v1/meetings').set(as('telecom')).expect(200);
      expect(theirs.body.meetings.map((m: { id: string }) => m.id)).not.toContain(meetingId);
      expect((await hub.http.get('/api/v1/meetings')).status).toBe(401);
      expect(problem(await hub.http.get('/api/v1/meetings').set(as('healthReporter')))).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    });

    it("a participant proposes, and sees its proposal listed; where it stands is the coordinator's until published", async () => {
      const made = await hub.http.post(path('/proposals')).set(as('health')).send({ title: 'Hospital exercise: lessons', minutes: 15 }).expect(201);
      expect(made.body).toMatchObject({ author: 'health', tlp: 'TLP:AMBER', minutes: 15, place: null });
      const listed = await hub.http.get(path('/proposals')).set(as('health')).expect(200);
      expect(listed.body).toMatchObject({ meetingId, open: true, proposals: [{ id: made.body.id, title: 'Hospital exercise: lessons', author: 'health', place: null }] });
      const forCoordinator = await hub.http.get(path('/proposals')).set(as('centre')).expect(200);
      expect(forCoordinator.body.proposals).toEqual([expect.objectContaining({ id: made.body.id, place: 'not-on-agenda' })]);
    });

    it("a non-participant's proposal and list: 404 as for a missing meeting; no key 401; a reporter 403", async () => {
      for (const key of ['telecom', 'lamna']) {
        expect(problem(await hub.http.post(path('/proposals')).set(as(key)).send({ title: 'Sneaked in' }))).toMatchObject({ status: 404, code: 'MEETING.NOT_FOUND' });
        expect(problem(await hub.http.get(path('/proposals')).set(as(key)))).toMatchObject({ status: 404, code: 'MEETING.NOT_FOUND' });
      }
      expect((await hub.http.post(path('/proposals')).send({ title: 'x' })).status).toBe(401);
      expect((await hub.http.get(path('/proposals'))).status).toBe(401);
      expect(problem(await hub.http.post(path('/proposals')).set(as('healthReporter')).send({ title: 'x' }))).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
      expect(problem(await hub.http.get(path('/proposals')).set(as('healthReporter')))).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
      // nothing was stored by the refused calls
      expect((await hub.http.get(path('/proposals')).set(as('centre'))).body.proposals).toHaveLength(1);
    });

    it('a coordinating organisation that does not take part is told to add items itself (403), and does not read a proposal not addressed to it', async () => {
      const without = await hub.http
        .post('/api/v1/meetings')
        .set(as('centre'))
        .send({ title: 'Energy and health', ...Q1, participants: ['energy', 'health'], series: 'corrections-2' })
        .expect(201);
      const at = (rest: string) => `/api/v1/meetings/${without.body.id}${rest}`;
      expect(problem(await hub.http.post(at('/proposals')).set(as('centre')).send({ title: 'x' }))).toMatchObject({ status: 403, code: 'MEETING.FORBIDDEN' });
      // RED among the participants: the coordinating centre is not a recipient, so for it the proposal does not exist
      const red = await hub.http.post(at('/proposals')).set(as('health')).send({ title: 'Restricted: ward outage', tlp: 'TLP:RED' }).expect(201);
      expect((await hub.http.get(at('/proposals')).set(as('centre')).expect(200)).body.proposals).toEqual([]);
      expect((await hub.http.get(at('/proposals')).set(as('energy')).expect(200)).body.proposals.map((p: { id: string }) => p.id)).toEqual([red.body.id]);
      await hub.http.post(at('/agenda/draft')).set(as('centre')).expect(200);
      const accept = await hub.http.patch(at('/agenda')).set(as('centre')).send({ operations: [{ op: 'accept', proposalId: red.body.id }] });
      expect(problem(accept)).toEqual({ status: 404, code: 'PROPOSAL.NOT_FOUND', pointers: ['/operations/0'] });
    });
  });

  describe('the coordinator puts proposals on the agenda and takes items off', () => {
    it('a proposal made after the draft is accepted onto it; removing takes it off again', async () => {
      await hub.http.post(path('/agenda/draft')).set(as('centre')).expect(200);
      const late = await hub.http.post(path('/proposals')).set(as('energy')).send({ title: 'Grid storm drill', minutes: 20 }).expect(201);
      lateProposalId = late.body.id;
      expect((await hub.http.get(path('/proposals')).set(as('centre'))).body.proposals.find((p: { id: string }) => p.id === lateProposalId).place).toBe('not-on-agenda');

      const accepted = await hub.http.patch(path('/agenda')).set(as('centre')).send({ operations: [{ op: 'accept', proposalId: lateProposalId, position: 0 }] }).expect(200);
      expect(accepted.body.agenda.items[0]).toMatchObject({ id: `proposal:${lateProposalId}`, title: 'Grid storm drill', presenter: 'energy', minutes: 20, kind: 'proposal' });
      expect((await hub.http.get(path('/proposals')).set(as('centre'))).body.proposals.find((p: { id: string }) => p.id === lateProposalId).place).toBe('on-agenda');
      // twice: refused, nothing changes
      expect(problem(await hub.http.patch(path('/agenda')).set(as('centre')).send({ operations: [{ op: 'accept', proposalId: lateProposalId }] }))).toMatchObject({ status: 422, code: 'AGENDA.DUPLICATE_ITEM' });

      const removed = await hub.http.patch(path('/agenda')).set(as('centre')).send({ operations: [{ op: 'remove', itemId: `proposal:${lateProposalId}` }] }).expect(200);
      expect(removed.body.agenda.items.some((i: Item) => i.id === `proposal:${lateProposalId}`)).toBe(false);
      await hub.http.patch(path('/agenda')).set(as('centre')).send({ operations: [{ op: 'accept', proposalId: lateProposalId, position: 0 }] }).expect(200);
    });

    it('accept needs a proposal id of this meeting; another organisation cannot edit (404), a participant analyst lacks the role (403)', async () => {
      expect(problem(await hub.http.patch(path('/agenda')).set(as('centre')).send({ operations: [{ op: 'accept' }] }))).toEqual({ status: 400, code: 'AGENDA.INVALID', pointers: ['/operations/0'] });
      expect(problem(await hub.http.patch(path('/agenda')).set(as('centre')).send({ operations: [{ op: 'accept', proposalId: 'nope' }] }))).toEqual({ status: 400, code: 'REQUEST.VALIDATION_FAILED', pointers: ['/operations/0/proposalId'] });
      expect(problem(await hub.http.patch(path('/agenda')).set(as('centre')).send({ operations: [{ op: 'accept', proposalId: '00000000-0000-4000-8000-000000000000' }] }))).toMatchObject({ status: 404, code: 'PROPOSAL.NOT_FOUND' });
      expect(problem(await hub.http.patch(path('/agenda')).set(as('healthCoordinator')).send({ operations: [{ op: 'accept', proposalId: lateProposalId }] }))).toMatchObject({ status: 404, code: 'MEETING.NOT_FOUND' });
      expect(problem(await hub.http.patch(path('/agenda')).set(as('health')).send({ operations: [{ op: 'remove', itemId: 'closing' }] }))).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    });

    it('a strict proposal waits for the correction (made before publishing, not put on the agenda)', async () => {
      const strict = await hub.http.post(path('/proposals')).set(as('health')).send({ title: 'Ward systems outage (strict)', tlp: 'TLP:AMBER+STRICT', minutes: 10 }).expect(201);
      strictProposalId = strict.body.id;
    });
  });

  describe('corrections', () => {
    it('nothing to correct before publishing (409); publishing makes version 1', async () => {
      expect(problem(await hub.http.post(path('/agenda/correction')).set(as('centre')))).toMatchObject({ status: 409, code: 'MEETING.CONFLICT' });
      expect((await hub.http.get(path('/agenda/versions')).set(as('centre')).expect(200)).body).toEqual({ meetingId, current: null, versions: [] });
      const published = await hub.http.post(path('/publish')).set(as('centre')).expect(200);
      expect(published.body).toMatchObject({ version: 1, tlp: 'TLP:AMBER' });
      const meeting = await hub.http.get(path()).set(as('health')).expect(200);
      expect(meeting.body).toMatchObject({ agendaVersion: 1, agenda: { version: 1 } });
      expect(meeting.body.correction).toBeUndefined();
    });

    it('opening a correction: the coordinator only — another organisation 404, no role 403, no key 401', async () => {
      expect(problem(await hub.http.post(path('/agenda/correction')).set(as('healthCoordinator')))).toMatchObject({ status: 404, code: 'MEETING.NOT_FOUND' });
      expect(problem(await hub.http.post(path('/agenda/correction')).set(as('telecom')))).toMatchObject({ status: 404, code: 'MEETING.NOT_FOUND' });
      expect(problem(await hub.http.post(path('/agenda/correction')).set(as('centreAnalyst')))).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
      expect((await hub.http.post(path('/agenda/correction'))).status).toBe(401);
      expect(problem(await hub.http.patch(path('/agenda/correction')).set(as('centre')).send({ operations: [{ op: 'remove', itemId: 'closing' }] }))).toMatchObject({ status: 404, code: 'CORRECTION.NOT_FOUND' });

      const opened = await hub.http.post(path('/agenda/correction')).set(as('centre')).expect(200);
      expect(opened.body).toMatchObject({ meetingId, basedOnVersion: 1 });
      // opening again returns the same copy
      expect((await hub.http.post(path('/agenda/correction')).set(as('centre')).expect(200)).body.agenda.draftedAt).toBe(opened.body.agenda.draftedAt);
      // the coordinator sees it with the meeting; a participant does not
      expect((await hub.http.get(path()).set(as('centre'))).body.correction).toMatchObject({ items: expect.any(Array) });
      expect((await hub.http.get(path()).set(as('health'))).body.correction).toBeUndefined();
    });

    it('an unchanged correction is refused; edits and publishing are for the coordinator only', async () => {
      expect(problem(await hub.http.post(path('/agenda/versions')).set(as('centre')).send({}))).toMatchObject({ status: 422, code: 'AGENDA.NO_CHANGE' });
      for (const [key, status, code] of [['healthCoordinator', 404, 'MEETING.NOT_FOUND'], ['telecom', 404, 'MEETING.NOT_FOUND'], ['health', 403, 'AUTH.ROLE_REQUIRED']] as const) {
        expect(problem(await hub.http.patch(path('/agenda/correction')).set(as(key)).send({ operations: [{ op: 'remove', itemId: 'closing' }] }))).toMatchObject({ status, code });
        expect(problem(await hub.http.post(path('/agenda/versions')).set(as(key)).send({}))).toMatchObject({ status, code });
        expect(problem(await hub.http.delete(path('/agenda/correction')).set(as(key)))).toMatchObject({ status, code });
      }
      expect((await hub.http.post(path('/agenda/versions')).send({})).status).toBe(401);
      expect(problem(await hub.http.post(path('/agenda/versions')).set(as('centre')).send({ note: 'x'.repeat(2001) }))).toEqual({ status: 400, code: 'REQUEST.VALIDATION_FAILED', pointers: ['/note'] });
    });

    it('publishes the corrected copy as version 2: to the participants as an advisory, the marking raised by the strict item', async () => {
      const edited = await hub.http
        .patch(path('/agenda/correction'))
        .set(as('centre'))
        .send({ operations: [{ op: 'accept', proposalId: strictProposalId }, { op: 'setTimeBox', itemId: `proposal:${lateProposalId}`, minutes: 25 }] })
        .expect(200);
      expect(edited.body.agenda.tlp).toBe('TLP:AMBER+STRICT'); // health's members may not read the strict proposal
      // the published version is untouched meanwhile
      expect((await hub.http.get(path()).set(as('health'))).body.agenda.items.find((i: Item) => i.id === `proposal:${lateProposalId}`).minutes).toBe(20);

      const v2 = await hub.http.post(path('/agenda/versions')).set(as('centre')).send({ note: 'Health asked for the ward outage.' }).expect(201);
      expect(v2.body).toMatchObject({ version: 2, tlp: 'TLP:AMBER+STRICT', note: 'Health asked for the ward outage.' });
      expect(v2.body.changes).toEqual([expect.stringMatching(/^Added: Ward systems outage \(strict\) \(item \d+, 10 min\)$/), 'Time box: Grid storm drill (20 → 25 min)', 'Marking: TLP:AMBER → TLP:AMBER+STRICT']);

      const advisory = await hub.http.get(`/api/v1/advisories/${v2.body.advisoryId}`).set(as('health')).expect(200);
      expect(advisory.body).toMatchObject({ title: 'Agenda, version 2 (corrected): Network meeting Q1', tlp: 'TLP:AMBER+STRICT', audience: { organisations: ['centre', 'energy', 'health'] } });
      expect(advisory.body.body).toContain('Version 2 of the agenda corrects version 1.');
      expect(advisory.body.body).toContain('Time box: Grid storm drill (20 → 25 min)');
      // not for anyone the marking excludes: health's own member, another sector
      expect((await hub.http.get(`/api/v1/advisories/${v2.body.advisoryId}`).set(as('lamna'))).status).toBe(404);
      expect((await hub.http.get(`/api/v1/advisories/${v2.body.advisoryId}`).set(as('telecom'))).status).toBe(404);

      const meeting = await hub.http.get(path()).set(as('centre')).expect(200);
      expect(meeting.body).toMatchObject({ agendaVersion: 2, correction: null, agenda: { version: 2, tlp: 'TLP:AMBER+STRICT' } });
      const md = await hub.http.get(path('/agenda.md')).set(as('energy')).expect(200);
      expect(md.text).toContain('**Version 2 (corrected; replaces version 1)**');
      expect(md.text.split('\n')[0]).toBe('**TLP:AMBER+STRICT**');
    });

    it('every version stays readable by the participants, the current one marked, who and when shown; the key only to the coordinator', async () => {
      const seen = await hub.http.get(path('/agenda/versions')).set(as('health')).expect(200);
      expect(seen.body.current).toBe(2);
      expect(seen.body.versions.map((v: { version: number; current: boolean; tlp: string; publishedBy: string }) => [v.version, v.current, v.tlp, v.publishedBy])).toEqual([
        [1, false, 'TLP:AMBER', 'centre'],
        [2, true, 'TLP:AMBER+STRICT', 'centre'],
      ]);
      const [v1, v2] = seen.body.versions;
      expect(v1.agenda.items.find((i: Item) => i.id === `proposal:${lateProposalId}`).minutes).toBe(20);
      expect(v1.changes).toEqual([]);
      expect(v2.changes).toContain('Time box: Grid storm drill (20 → 25 min)');
      expect(v2).not.toHaveProperty('publishedByKey');
      expect(v2.agenda).not.toHaveProperty('excluded');
      const forCoordinator = await hub.http.get(path('/agenda/versions')).set(as('centre')).expect(200);
      expect(forCoordinator.body.versions[1].publishedByKey).toEqual(expect.any(String));
      // an outsider: 404, as for a missing meeting; no key 401; a reporter 403
      expect(problem(await hub.http.get(path('/agenda/versions')).set(as('telecom')))).toMatchObject({ status: 404, code: 'MEETING.NOT_FOUND' });
      expect(problem(await hub.http.get(path('/agenda/versions')).set(as('lamna')))).toMatchObject({ status: 404, code: 'MEETING.NOT_FOUND' });
      expect((await hub.http.get(path('/agenda/versions'))).status).toBe(401);
      expect(problem(await hub.http.get(path('/agenda/versions')).set(as('healthReporter')))).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    });

    it('a further correction relaxes no further than the meeting: removing the strict item gives TLP:AMBER again', async () => {
      await hub.http.post(path('/agenda/correction')).set(as('centre')).expect(200);
      await hub.http.patch(path('/agenda/correction')).set(as('centre')).send({ operations: [{ op: 'remove', itemId: `proposal:${strictProposalId}` }] }).expect(200);
      const v3 = await hub.http.post(path('/agenda/versions')).set(as('centre')).send({}).expect(201);
      expect(v3.body).toMatchObject({ version: 3, tlp: 'TLP:AMBER', note: null });
      // version 3's readers include health's member, shut out of version 2: the strict item's title is not theirs
      expect(v3.body.changes).toEqual(['Removed: an item of the previous version (TLP:AMBER+STRICT)', 'Marking: TLP:AMBER+STRICT → TLP:AMBER']);
      expect(JSON.stringify(v3.body)).not.toContain('Ward systems outage');
    });

    it('the same correction published twice at once: one version, the other request refused', async () => {
      await hub.http.post(path('/agenda/correction')).set(as('centre')).expect(200);
      await hub.http.patch(path('/agenda/correction')).set(as('centre')).send({ operations: [{ op: 'setTimeBox', itemId: `proposal:${lateProposalId}`, minutes: 30 }] }).expect(200);
      const both = await Promise.all([0, 1].map(() => hub.http.post(path('/agenda/versions')).set(as('centre')).send({})));
      // whichever comes second finds the meeting moved on (409) or, when it starts after the first
      // finished, no correction left to publish (404): never a second version
      const outcomes = both.map((r) => `${r.status} ${r.body.code ?? ''}`.trim()).sort();
      expect(outcomes[0]).toBe('201');
      expect(['409 MEETING.CONFLICT', '404 CORRECTION.NOT_FOUND']).toContain(outcomes[1]);
      const listed = (await hub.http.get(path('/agenda/versions')).set(as('centre')).expect(200)).body;
      expect(listed.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3, 4]);
      expect(listed.current).toBe(4);
    });

    it("the next meeting's draft does not take the published versions (advisories to several sectors) for news", async () => {
      const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
      const create = async (title: string, on: string) =>
        (await hub.http.post('/api/v1/meetings').set(as('centre')).send({ title, startsAt: `${on}T09:00:00.000Z`, endsAt: `${on}T12:00:00.000Z`, participants: ['centre', 'energy', 'health'], series: 'corrections-news' }).expect(201)).body.id as string;
      const past = await create('Last week', day(-7));
      await hub.http.post(`/api/v1/meetings/${past}/agenda/draft`).set(as('centre')).expect(200);
      await hub.http.post(`/api/v1/meetings/${past}/publish`).set(as('centre')).expect(200);
      await hub.http.post(`/api/v1/meetings/${past}/agenda/correction`).set(as('centre')).expect(200);
      await hub.http.patch(`/api/v1/meetings/${past}/agenda/correction`).set(as('centre')).send({ operations: [{ op: 'setTimeBox', itemId: 'standing:preparedness', minutes: 12 }] }).expect(200);
      await hub.http.post(`/api/v1/meetings/${past}/agenda/versions`).set(as('centre')).send({}).expect(201);
      const next = await create('Next week', day(7));
      const draft = (await hub.http.post(`/api/v1/meetings/${next}/agenda/draft`).set(as('centre')).expect(200)).body;
      expect(draft.period.previousMeetingId).toBe(past);
      expect(draft.agenda.items.filter((i: Item) => i.title.includes('Agenda'))).toEqual([]);
    });

    it('a correction can be discarded; a held meeting is not corrected', async () => {
      await hub.http.post(path('/agenda/correction')).set(as('centre')).expect(200);
      expect((await hub.http.delete(path('/agenda/correction')).set(as('centre')).expect(200)).body).toEqual({ meetingId, discarded: true, agendaVersion: 4 });
      expect((await hub.http.get(path()).set(as('centre'))).body.correction).toBeNull();
      expect(problem(await hub.http.delete(path('/agenda/correction')).set(as('centre')))).toMatchObject({ status: 404, code: 'CORRECTION.NOT_FOUND' });
      await hub.http.patch(path()).set(as('centre')).send({ state: 'held' }).expect(200);
      expect(problem(await hub.http.post(path('/agenda/correction')).set(as('centre')))).toMatchObject({ status: 409, code: 'MEETING.CONFLICT' });
      expect((await hub.http.get(path('/agenda/versions')).set(as('energy')).expect(200)).body.versions).toHaveLength(4);
    });
  });
});
