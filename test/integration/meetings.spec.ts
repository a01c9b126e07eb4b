// The meetings context on the real PostgreSQL: periods by series, carried actions, proposals, and a
// draft over incidents of every TLP from two sectors judged for participants that include a member.
import type { Principal } from '@isac/auth';
import { AgendaService, MeetingEntity, MeetingsService, MinutesService, PeriodFactsSource } from '@isac/meetings';
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import { DataSource } from 'typeorm';
import { bearer } from '../factories/bearer.js';
import { incidentBundle } from '../factories/stix-bundles.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';

const STIX = 'application/stix+json;version=2.1';
type Label = 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER' | 'TLP:AMBER+STRICT' | 'TLP:RED';
const LABELS: Label[] = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];

describe('meetings on PostgreSQL', () => {
  let hub: ApiHarness;
  let network: NetworkSnapshot;
  let meetings: MeetingsService;
  let agendas: AgendaService;
  let minutes: MinutesService;
  let facts: PeriodFactsSource;
  let db: DataSource;
  const principal = (slug: string, roles: Principal['roles']): Principal => {
    const o = network.bySlug(slug)!;
    return { keyId: slug, keyPrefix: `isac_${slug}`, roles, organisation: { id: o.id, slug, kind: o.kind, sector: o.sector, parentId: o.parentId } };
  };
  let centre: Principal;
  const stored = (id: string) => db.getRepository(MeetingEntity).findOneByOrFail({ id });
  const cases: Record<string, string> = {};

  const meeting = (title: string, startsAt: string, series: string, participants = ['centre', 'energy', 'health']) =>
    meetings.create(centre, { title, startsAt, endsAt: new Date(Date.parse(startsAt) + 3 * 3600_000).toISOString(), participants, series });

  beforeAll(async () => {
    hub = await startApi();
    network = await hub.app.get(NetworkDirectory).network();
    meetings = hub.app.get(MeetingsService);
    agendas = hub.app.get(AgendaService);
    minutes = hub.app.get(MinutesService);
    facts = hub.app.get(PeriodFactsSource);
    db = hub.app.get(DataSource);
    centre = principal('centre', ['coordinator']);
    const keys = { energy: await hub.key('energy', ['reporter']), health: await hub.key('health', ['reporter']) };
    for (const sector of ['energy', 'health'] as const) {
      for (const tlp of LABELS) {
        const bundle = incidentBundle({ tlp, extra: { name: `${sector} ${tlp}`, x_isac_severity: 'high' } });
        const res = await hub.http.post('/api/v1/incidents').set(bearer(keys[sector])).set('Content-Type', STIX).send(JSON.stringify(bundle)).expect(201);
        cases[`${sector} ${tlp}`] = res.body.id;
      }
    }
  });
  afterAll(() => hub.close());

  it('drafts over every TLP from two sectors: exactly the cases every participant (litware a member of energy) may read', async () => {
    const m = await meeting('All labels', '2027-03-01T09:00:00.000Z', 'labels', ['centre', 'energy', 'health', 'litware']);
    const { agenda } = await agendas.draft(centre, m.id);
    const onAgenda = agenda.items.flatMap((i) => i.sources.filter((s) => s.kind === 'incident').map((s) => s.title)).sort();
    // an incident goes to the centre and the reporter's unit; AMBER also reaches the unit's member
    // organisations (litware under energy) — never another sector's unit
    expect(onAgenda).toEqual(['energy TLP:CLEAR', 'energy TLP:GREEN', 'health TLP:CLEAR', 'health TLP:GREEN']);
    expect(agenda.excluded.map((e) => [e.title, e.reason]).sort()).toEqual(
      [
        ['energy TLP:AMBER', 'TLP:AMBER from energy, not readable by health'],
        ['energy TLP:AMBER+STRICT', 'TLP:AMBER+STRICT from energy, not readable by health, litware'],
        ['energy TLP:RED', 'TLP:RED from energy, not readable by health, litware'],
        ['health TLP:AMBER', 'TLP:AMBER from health, not readable by energy, litware'],
        ['health TLP:AMBER+STRICT', 'TLP:AMBER+STRICT from health, not readable by energy, litware'],
        ['health TLP:RED', 'TLP:RED from health, not readable by energy, litware'],
      ].sort(),
    );
    expect(agenda.tlp).toBe('TLP:AMBER');
    // two incident groups (8 + 8), threat picture 15, two overviews 5 + 5, preparedness 10, close 10: the rest of the 3 hours stays spare
    expect([agenda.totalMinutes, agenda.availableMinutes]).toEqual([61, 180]);
    expect(agenda.items.filter((i) => i.kind === 'infrastructure-overview').map((i) => i.presenter)).toEqual(['energy', 'health']);
  });

  it('the period starts at the previous meeting of the same series; other series do not count', async () => {
    const a = await meeting('A', '2026-01-05T09:00:00.000Z', 'period');
    await meeting('Other series', '2026-06-01T09:00:00.000Z', 'elsewhere');
    const b = await meeting('B', '2027-06-01T09:00:00.000Z', 'period');
    // one case opened before A: outside B's period
    await db.query(`UPDATE incident_cases SET opened_at = '2025-12-01T00:00:00Z' WHERE id = $1`, [cases['energy TLP:GREEN']]);
    const gathered = await facts.gather(centre, await stored(b.id), network, new Date());
    expect(gathered.since?.toISOString()).toBe('2026-01-05T09:00:00.000Z');
    expect(gathered.previousMeetingId).toBe(a.id);
    expect(gathered.facts.incidents.map((i) => i.title)).not.toContain('energy TLP:GREEN');
    expect(gathered.facts.incidents).toHaveLength(9);
    expect(gathered.facts.incidents.find((i) => i.title === 'health TLP:AMBER')).toMatchObject({
      sector: 'health',
      severity: 'high',
      tlp: 'TLP:AMBER',
      authorSlug: 'health',
      recipientOrgIds: expect.arrayContaining([network.centre().id, network.bySlug('health')!.id]),
    });
    expect(gathered.gaps).toEqual([]);
  });

  it('carries only open actions of earlier meetings of the same series; proposals keep their marking', async () => {
    const q1 = await meeting('Q1', '2026-02-01T09:00:00.000Z', 'carry');
    const other = await meeting('Other', '2026-02-01T09:00:00.000Z', 'carry-elsewhere');
    for (const m of [q1, other]) {
      await agendas.draft(centre, m.id);
      await agendas.publish(centre, m.id);
    }
    const open = await minutes.recordAction(centre, q1.id, { title: 'Open one', owner: 'health', due: '2026-03-01' });
    const done = await minutes.recordAction(centre, q1.id, { title: 'Done one', owner: 'energy', due: '2026-03-01' });
    await minutes.updateAction(centre, q1.id, done.id, 'done');
    await minutes.recordAction(centre, other.id, { title: 'Elsewhere', owner: 'energy', due: '2026-03-01' });
    const q2 = await meeting('Q2', '2026-05-01T09:00:00.000Z', 'carry');
    const proposal = await meetings.propose(principal('health', ['analyst']), q2.id, { title: 'From health', tlp: 'TLP:AMBER+STRICT', minutes: 12 });
    const gathered = await facts.gather(centre, await stored(q2.id), network, new Date('2026-04-01T00:00:00Z'));
    expect(gathered.facts.actionItems.map((a) => [a.id, a.title, a.status, a.tlp])).toEqual([[open.id, 'Open one', 'open', 'TLP:AMBER']]);
    expect(gathered.facts.proposals).toEqual([
      expect.objectContaining({ id: proposal.id, title: 'From health', minutes: 12, tlp: 'TLP:AMBER+STRICT', authorSlug: 'health', recipientOrgIds: expect.any(Array) }),
    ]);
    // due on 1 March means by its end: on 1 April 00:00 that is 30 whole days ago
    const { agenda } = await agendas.draft(centre, q2.id, new Date('2026-04-01T00:00:00Z'));
    expect(agenda.items.find((i) => i.id === 'action-items')?.notes).toEqual(['Open one — owner health, due 2026-03-01 (OVERDUE by 30 days)']);
    expect(agenda.items.find((i) => i.id === `proposal:${proposal.id}`)).toMatchObject({ presenter: 'health', minutes: 12 });
    // the agendas of Q1 and of the other series went out as advisories in this period: not news
    expect(gathered.facts.advisories.filter((a) => a.title.startsWith('Agenda: '))).toEqual([]);
    expect(agenda.items.some((i) => i.kind === 'advisory')).toBe(false);
  });

  it('with a later meeting of the series, a draft covers only up to its own start: no later cases or actions; the period is stated', async () => {
    const m1 = await meeting('Spring', '2026-03-01T09:00:00.000Z', 'bounded');
    const m2 = await meeting('Autumn', '2026-09-01T09:00:00.000Z', 'bounded');
    const m3 = await meeting('Next spring', '2027-03-01T09:00:00.000Z', 'bounded');
    await agendas.draft(centre, m3.id);
    await agendas.publish(centre, m3.id);
    await minutes.recordAction(centre, m3.id, { title: 'Decided later', owner: 'energy', due: '2027-04-01' });
    // drafted late (now, after its start): from the meeting before it by date, up to its own start, not up to now
    const gathered = await facts.gather(centre, await stored(m2.id), network, new Date());
    expect([gathered.previousMeetingId, gathered.since?.toISOString(), gathered.until.toISOString()]).toEqual([m1.id, '2026-03-01T09:00:00.000Z', '2026-09-01T09:00:00.000Z']);
    // every case of this file was opened today, after Autumn's start: the later meeting's period
    expect(gathered.facts.incidents).toEqual([]);
    expect(gathered.facts.actionItems.map((a) => a.title)).not.toContain('Decided later');
    const draft = await agendas.draft(centre, m2.id);
    expect(draft.period).toEqual({ from: '2026-03-01T09:00:00.000Z', to: '2026-09-01T09:00:00.000Z', since: '2026-03-01T09:00:00.000Z', previousMeetingId: m1.id });
    expect(draft.agenda.period).toEqual({ from: '2026-03-01T09:00:00.000Z', to: '2026-09-01T09:00:00.000Z' });
    const md = (await agendas.export(centre, m2.id, 'md')).body;
    expect(md).toMatch(/^\*\*TLP:[A-Z+]+\*\*\n\n# Agenda: Autumn\n\n\*\*Period covered:\*\* from 2026-03-01 09:00 UTC to 2026-09-01 09:00 UTC\n/);
    // the series' first meeting: from its start, up to its own start as well
    const first = await agendas.draft(centre, m1.id);
    expect(first.period).toMatchObject({ from: null, to: '2026-03-01T09:00:00.000Z', previousMeetingId: null });
    expect((await agendas.export(centre, m1.id, 'md')).body).toContain('**Period covered:** from the start of the series to 2026-03-01 09:00 UTC');
  });

  it('a change of time, breaks or marking re-times the drafted agenda', async () => {
    const m = await meeting('Moving', '2027-09-01T09:00:00.000Z', 'moving');
    await agendas.draft(centre, m.id);
    // 61 minutes drafted for 3 hours, then moved into 45 minutes: reported over time, never cut
    await meetings.update(centre, m.id, { startsAt: '2027-09-01T13:00:00.000Z', endsAt: '2027-09-01T13:45:00.000Z', tlp: 'TLP:RED' });
    const { agenda } = await meetings.get(centre, m.id);
    expect(agenda).toMatchObject({ totalMinutes: 61, availableMinutes: 45, tlp: 'TLP:RED' });
    expect((agenda as { schedule: { startsAt: Date }[] }).schedule[0].startsAt).toEqual(new Date('2027-09-01T13:00:00.000Z'));
    expect((agenda as { overTimeMinutes: number }).overTimeMinutes).toBe(16);
  });
});
