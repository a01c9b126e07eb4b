// Meetings on the real services, where the TLP policy must also hold for the coordinating
// organisation (which drafts, reads and publishes the agenda as its own advisory), the invitation
// must name an ORGANIZER once it lists attendees (RFC 5545 §3.8.4.3), and the minutes take only real
// calendar dates.
import type { Principal } from '@isac/auth';
import { AgendaService, MeetingsService, MinutesService } from '@isac/meetings';
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import ICAL from 'ical.js';
import { advisoryRequest } from '../factories/advisories.js';
import { bearer } from '../factories/bearer.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';

describe('meetings: the coordinator as a reader, the invitation, the minutes', () => {
  let hub: ApiHarness;
  let network: NetworkSnapshot;
  let meetings: MeetingsService;
  let agendas: AgendaService;
  let minutes: MinutesService;
  const principal = (slug: string, roles: Principal['roles']): Principal => {
    const o = network.bySlug(slug)!;
    return { keyId: slug, keyPrefix: `isac_${slug}`, roles, organisation: { id: o.id, slug, kind: o.kind, sector: o.sector, parentId: o.parentId } };
  };
  const create = (coordinator: Principal, title: string, series: string) =>
    meetings.create(coordinator, { title, startsAt: '2027-04-01T09:00:00.000Z', endsAt: '2027-04-01T12:00:00.000Z', participants: ['centre', 'energy', 'health'], series });

  beforeAll(async () => {
    hub = await startApi();
    network = await hub.app.get(NetworkDirectory).network();
    meetings = hub.app.get(MeetingsService);
    agendas = hub.app.get(AgendaService);
    minutes = hub.app.get(MinutesService);
    const energy = await hub.key('energy', ['analyst']);
    // readable by every participant (each is named), but not by telecom
    await hub.http
      .post('/api/v1/advisories')
      .set(bearer(energy))
      .send(advisoryRequest({ title: 'Strict to the three', tlp: 'TLP:AMBER+STRICT', audience: { organisations: ['centre', 'energy', 'health'] } }))
      .expect(201);
  });
  afterAll(() => hub.close());

  it('a coordinator outside the participants never gets, in its draft, an item the policy keeps from it', async () => {
    const telecom = principal('telecom', ['coordinator']);
    const m = await create(telecom, 'Coordinated by telecom', 'review-outside');
    const { agenda } = await agendas.draft(telecom, m.id);
    expect(agenda.items.flatMap((i) => i.sources.map((s) => s.title))).not.toContain('Strict to the three');
    // telecom may not read it: the draft counts it, and says nothing else about it (DESIGN §2)
    expect(agenda.excluded).toEqual([]);
    expect(agenda.excludedUnlisted).toBeGreaterThanOrEqual(1);
    const shown = JSON.stringify(await meetings.get(telecom, m.id));
    expect(shown).not.toContain('Strict to the three');
    expect(shown).not.toContain('TLP:AMBER+STRICT from energy');
    // the same period drafted by the centre, a participant: the advisory is on the agenda
    const centre = principal('centre', ['coordinator']);
    const byCentre = await create(centre, 'Coordinated by the centre', 'review-inside');
    const drafted = await agendas.draft(centre, byCentre.id);
    expect(drafted.agenda.items.flatMap((i) => i.sources.map((s) => s.title))).toContain('Strict to the three');
  });

  it('the invitation of a meeting without an organizer address still names its ORGANIZER, and a calendar library reads it', async () => {
    const centre = principal('centre', ['coordinator']);
    const m = await create(centre, 'Invitation, no organizer address', 'review-ics');
    await agendas.draft(centre, m.id);
    const { body } = await agendas.export(centre, m.id, 'ics');
    const event = new ICAL.Component(ICAL.parse(body)).getFirstSubcomponent('vevent')!;
    expect(event.getAllProperties('attendee')).toHaveLength(3);
    const organizer = event.getFirstProperty('organizer');
    expect(organizer?.getFirstValue()).toBe('urn:isac:organisation:centre');
    expect(organizer?.getParameter('cn')).toBe(network.centre().name);
  });

  it('an action due on a day the calendar does not have is refused, not moved to another', async () => {
    const centre = principal('centre', ['coordinator']);
    const m = await create(centre, 'Minutes', 'review-minutes');
    await agendas.draft(centre, m.id);
    await agendas.publish(centre, m.id);
    for (const due of ['2027-02-30', '2027-04-31', '2027-02-29']) {
      await expect(minutes.recordAction(centre, m.id, { title: 'Follow up', owner: 'health', due })).rejects.toMatchObject({ code: 'MINUTES.INVALID' });
    }
    expect(await minutes.recordAction(centre, m.id, { title: 'Follow up', owner: 'health', due: '2028-02-29' })).toMatchObject({ due: '2028-02-29' });
    expect((await minutes.get(centre, m.id)).actions.map((a) => a.due)).toEqual(['2028-02-29']);
  });
});
