import type { TlpLabel } from '@isac/tlp';
import type { ExcludedItem, Meeting, SourceFact } from './agenda.js';
import { draftAgenda, type DraftAgendaInput } from './draft-agenda.js';
import type { PeriodFacts } from './period-facts.js';
import { action, advisory, alert, daysBefore, incident, meeting, network, noFacts, NOW, proposal, standing } from '../testing/fixtures.js';

function draft(facts: PeriodFacts, overrides: Partial<DraftAgendaInput> = {}) {
  return draftAgenda({ meeting: meeting(), facts, network, now: NOW, closingItem: false, ...overrides });
}

const redSource: SourceFact = {
  kind: 'incident',
  id: 'inc-red-src',
  title: 'Red source',
  tlp: 'TLP:RED',
  authorOrgId: 'org-energy',
  authorSlug: 'energy',
  recipientOrgIds: ['org-centre', 'org-energy'],
};

describe('draftAgenda: TLP safety (the policy judges every source for every participant)', () => {
  const withTelecom: Meeting = meeting({
    participants: [...meeting().participants, { orgId: 'org-telecom', slug: 'telecom' }],
  });

  it.each<[string, PeriodFacts, Meeting, Omit<ExcludedItem, 'title'>]>([
    [
      'RED incident from energy, health participates',
      noFacts({ incidents: [incident({ id: 'inc-red', tlp: 'TLP:RED' })] }),
      meeting(),
      { kind: 'incidents', id: 'inc-red', reason: 'TLP:RED from energy, not readable by health', codes: ['TLP.NOT_RECIPIENT'], notReadableBy: ['health'] },
    ],
    [
      'RED incident from energy, health and telecom participate',
      noFacts({ incidents: [incident({ id: 'inc-red', tlp: 'TLP:RED' })] }),
      withTelecom,
      {
        kind: 'incidents',
        id: 'inc-red',
        reason: 'TLP:RED from energy, not readable by health, telecom',
        codes: ['TLP.NOT_RECIPIENT'],
        notReadableBy: ['health', 'telecom'],
      },
    ],
    [
      'proposal (GREEN) citing a RED source from energy',
      noFacts({ proposals: [proposal({ id: 'p-1', sources: [redSource] })] }),
      meeting(),
      { kind: 'proposal', id: 'proposal:p-1', reason: 'TLP:RED from energy, not readable by health', codes: ['TLP.NOT_RECIPIENT'], notReadableBy: ['health'] },
    ],
    [
      'unmarked incident (read as AMBER+STRICT, DESIGN §2)',
      noFacts({ incidents: [incident({ id: 'inc-unmarked', tlp: undefined })] }),
      meeting(),
      {
        kind: 'incidents',
        id: 'inc-unmarked',
        reason: 'TLP:AMBER+STRICT from energy, not readable by health',
        codes: ['TLP.NOT_RECIPIENT'],
        notReadableBy: ['health'],
      },
    ],
    [
      'AMBER advisory from energy that does not name telecom',
      noFacts({ advisories: [advisory({ id: 'adv-1', tlp: 'TLP:AMBER', recipientOrgIds: ['org-centre', 'org-health'] })] }),
      withTelecom,
      { kind: 'advisory', id: 'advisory:adv-1', reason: 'TLP:AMBER from energy, not readable by telecom', codes: ['TLP.NOT_RECIPIENT'], notReadableBy: ['telecom'] },
    ],
    [
      'unmarked action item (only its author may read it)',
      noFacts({ actionItems: [action({ id: 'a-1', tlp: undefined })] }),
      meeting(),
      {
        kind: 'action-items',
        id: 'a-1',
        reason: 'Unmarked item from centre, not readable by energy, health',
        codes: ['TLP.UNMARKED'],
        notReadableBy: ['energy', 'health'],
      },
    ],
    [
      'AMBER alert from the centre that did not go to health',
      noFacts({ alerts: [alert({ id: 'al-1', tlp: 'TLP:AMBER', recipientOrgIds: ['org-energy'] })] }),
      meeting(),
      { kind: 'alerts', id: 'al-1', reason: 'TLP:AMBER from centre, not readable by health', codes: ['TLP.NOT_RECIPIENT'], notReadableBy: ['health'] },
    ],
    [
      'standing item citing a RED source',
      noFacts({ standing: [standing({ id: 's-1', kind: 'threat-picture', sources: [redSource] })] }),
      meeting(),
      {
        kind: 'threat-picture',
        id: 'standing:s-1',
        reason: 'TLP:RED from energy, not readable by health',
        codes: ['TLP.NOT_RECIPIENT'],
        notReadableBy: ['health'],
      },
    ],
  ])('leaves out: %s', (_name, facts, theMeeting, expected) => {
    // the centre, which coordinates, may read each of them: the item is listed with its reason
    const agenda = draftAgenda({ meeting: theMeeting, facts, network, now: NOW, closingItem: false, coordinatorOrgId: 'org-centre' });
    expect(agenda.excluded).toEqual([{ ...expected, title: expect.any(String) }]);
    expect(agenda.excludedUnlisted).toBe(0);
    expect(agenda.items).toEqual([]);
    expect(agenda.deferred).toEqual([]);
    // without a coordinator known to may read it, it is only counted
    const unknown = draftAgenda({ meeting: theMeeting, facts, network, now: NOW, closingItem: false });
    expect([unknown.excluded, unknown.excludedUnlisted]).toEqual([[], 1]);
  });

  it.each<[string, PeriodFacts, TlpLabel, string[]]>([
    [
      // energy's members may not read it (energy did not name itself): an AMBER agenda would reach them
      'AMBER advisory from energy naming centre and health: all may read, agenda raised to AMBER+STRICT',
      noFacts({ advisories: [advisory({ id: 'adv-1', tlp: 'TLP:AMBER', recipientOrgIds: ['org-centre', 'org-health'] })] }),
      'TLP:AMBER+STRICT',
      ['advisory:adv-1'],
    ],
    [
      'AMBER advisory naming every participant: their members may read it too, agenda raised to AMBER',
      noFacts({ advisories: [advisory({ id: 'adv-1', tlp: 'TLP:AMBER', recipientOrgIds: ['org-centre', 'org-energy', 'org-health'] })] }),
      'TLP:AMBER',
      ['advisory:adv-1'],
    ],
    [
      'AMBER+STRICT incident naming health as well',
      noFacts({ incidents: [incident({ id: 'inc-1', tlp: 'TLP:AMBER+STRICT', recipientOrgIds: ['org-centre', 'org-energy', 'org-health'] })] }),
      'TLP:AMBER+STRICT',
      ['incidents:energy:medium'],
    ],
    [
      'RED incident whose named recipients are exactly the other participants',
      noFacts({ incidents: [incident({ id: 'inc-1', tlp: 'TLP:RED', recipientOrgIds: ['org-centre', 'org-health'] })] }),
      'TLP:RED',
      ['incidents:energy:medium'],
    ],
    ['GREEN and CLEAR sources keep the meeting TLP', noFacts({ incidents: [incident({ id: 'inc-1', tlp: 'TLP:CLEAR' })] }), 'TLP:GREEN', ['incidents:energy:medium']],
    ['nothing at all: the meeting TLP', noFacts(), 'TLP:GREEN', []],
  ])('includes: %s', (_name, facts, expectedTlp, expectedIds) => {
    const agenda = draft(facts);
    expect(agenda.excluded).toEqual([]);
    expect(agenda.items.map((i) => i.id)).toEqual(expectedIds);
    expect(agenda.tlp).toBe(expectedTlp);
  });

  it('never lowers the agenda below the meeting TLP', () => {
    const agenda = draftAgenda({ meeting: meeting({ tlp: 'TLP:AMBER' }), facts: noFacts({ incidents: [incident({ id: 'i', tlp: 'TLP:CLEAR' })] }), network, now: NOW });
    expect(agenda.tlp).toBe('TLP:AMBER');
  });

  it.each<[string, string | undefined, string[], number]>([
    ['a recipient coordinator sees the item and why', 'org-centre', ['Incident inc-red'], 0],
    ['a coordinator outside the recipients gets a count, nothing else', 'org-health', [], 1],
    ['no coordinator given: a count', undefined, [], 1],
  ])('exclusions described only to who may read them: %s', (_name, coordinatorOrgId, titles, unlisted) => {
    const agenda = draft(noFacts({ incidents: [incident({ id: 'inc-red', tlp: 'TLP:RED' })] }), { coordinatorOrgId });
    expect(agenda.excluded.map((e) => e.title)).toEqual(titles);
    expect(agenda.excludedUnlisted).toBe(unlisted);
    if (unlisted > 0) expect(JSON.stringify(agenda)).not.toMatch(/inc-red|TLP:RED/);
  });

  it('screens for a coordinator outside the participants too: what it may not read stays off the agenda it drafts and publishes', () => {
    // energy's AMBER+STRICT advisory to every participant: readable by all of them, not by telecom, which coordinates
    const strict = advisory({ id: 'adv-strict', tlp: 'TLP:AMBER+STRICT', recipientOrgIds: ['org-centre', 'org-energy', 'org-health'], reachSectors: 2 });
    const agenda = draft(noFacts({ advisories: [strict] }), { coordinatorOrgId: 'org-telecom' });
    expect(agenda.items.flatMap((i) => i.sources.map((s) => s.id))).not.toContain('adv-strict');
    // telecom may not read it, so it learns only that one item was left out
    expect([agenda.excluded, agenda.excludedUnlisted]).toEqual([[], 1]);
    // a participating coordinator changes nothing: the item is on the agenda
    expect(draft(noFacts({ advisories: [strict] }), { coordinatorOrgId: 'org-centre' }).items.map((i) => i.id)).toContain('advisory:adv-strict');
  });

  it('drops only the unreadable incident from its sector group', () => {
    const agenda = draft(noFacts({ incidents: [incident({ id: 'inc-1' }), incident({ id: 'inc-2', tlp: 'TLP:RED' })] }), { coordinatorOrgId: 'org-centre' });
    expect(agenda.items.map((i) => [i.id, i.title, i.sources.map((s) => s.id)])).toEqual([
      ['incidents:energy:medium', 'Incidents in energy: medium severity (1)', ['inc-1']],
    ]);
    expect(agenda.excluded.map((e) => e.id)).toEqual(['inc-2']);
  });
});

describe('draftAgenda: items from the period', () => {
  it('groups incidents by sector and severity, scored by severity, cross-sector impact, age and overdue reports', () => {
    const agenda = draft(
      noFacts({
        incidents: [
          incident({ id: 'inc-2', severity: 'high', title: 'Phishing wave at grid operator', stage: 'early-warning' }),
          incident({ id: 'inc-3', sector: 'health', severity: 'medium', awareAt: daysBefore(21), stage: 'final', authorOrgId: 'org-health', authorSlug: 'health', recipientOrgIds: ['org-centre', 'org-health'] }),
          incident({
            id: 'inc-1',
            severity: 'high',
            title: 'Substation SCADA intrusion',
            affectedSectors: ['energy', 'transport'],
            awareAt: daysBefore(14),
            overdueReports: ['final'],
          }),
          incident({ id: 'inc-4', sector: 'transport', severity: 'low', authorOrgId: 'org-transport', authorSlug: 'transport', recipientOrgIds: ['org-centre', 'org-transport'] }),
        ],
      }),
    );
    // what the agenda shows of each source (the policy's facts it keeps are checked elsewhere)
    const shown = agenda.items.map((item) => ({ ...item, sources: item.sources.map(({ authorOrgId: _a, recipientOrgIds: _r, ...source }) => source) }));
    expect(shown).toEqual([
      {
        id: 'incidents:energy:high',
        title: 'Incidents in energy: high severity (2)',
        kind: 'incidents',
        presenter: 'energy',
        minutes: 8,
        // inc-1: high 30 + one other sector 5 + two weeks 2 + overdue report 15 = 52; +2 for the second incident
        priority: 54,
        sources: [
          { kind: 'incident', id: 'inc-1', title: 'Substation SCADA intrusion', tlp: 'TLP:GREEN' },
          { kind: 'incident', id: 'inc-2', title: 'Phishing wave at grid operator', tlp: 'TLP:GREEN' },
        ],
        notes: [
          'Substation SCADA intrusion — NIS2 stage notification; overdue: final; also affects transport',
          'Phishing wave at grid operator — NIS2 stage early-warning',
        ],
      },
      {
        id: 'incidents:health:medium',
        title: 'Incidents in health: medium severity (1)',
        kind: 'incidents',
        presenter: 'health',
        minutes: 5,
        priority: 23, // medium 20 + three weeks 3
        sources: [{ kind: 'incident', id: 'inc-3', title: 'Incident inc-3', tlp: 'TLP:GREEN' }],
        notes: ['Incident inc-3 — NIS2 stage final'],
      },
      {
        id: 'incidents:transport:low',
        title: 'Incidents in transport: low severity (1)',
        kind: 'incidents',
        presenter: 'centre', // transport is not in the room: the chair presents
        minutes: 5,
        priority: 10,
        sources: [{ kind: 'incident', id: 'inc-4', title: 'Incident inc-4', tlp: 'TLP:GREEN' }],
        notes: ['Incident inc-4 — NIS2 stage notification'],
      },
    ]);
  });

  it('builds the action review, alerts with acknowledgement rates and the widest-reaching advisories', () => {
    const agenda = draft(
      noFacts({
        alerts: [
          alert({ id: 'al-2', severity: 'medium', issuedAt: daysBefore(3), acknowledgements: [{ sector: 'energy', delivered: 2, acknowledged: 2 }] }),
          alert({
            id: 'al-1',
            issuedAt: daysBefore(10),
            acknowledgements: [
              { sector: 'health', delivered: 2, acknowledged: 1 },
              { sector: 'energy', delivered: 4, acknowledged: 3 },
            ],
          }),
        ],
        actionItems: [
          action({ id: 'a-2', due: daysBefore(-10) }),
          action({ id: 'a-3', due: daysBefore(30), status: 'done' }),
          action({ id: 'a-1', due: daysBefore(5) }),
        ],
        advisories: [
          advisory({ id: 'adv-1', severity: 'high', reachSectors: 4, reachOrganisations: 40, publishedAt: daysBefore(8) }),
          advisory({ id: 'adv-2', reachSectors: 1 }),
          advisory({ id: 'adv-3', reachSectors: 2, reachOrganisations: 12 }),
          advisory({ id: 'adv-4', severity: 'low', reachSectors: 3, reachOrganisations: 5 }),
          advisory({ id: 'adv-5', severity: 'low', reachSectors: 2, reachOrganisations: 3 }),
        ],
      }),
    );
    expect(agenda.items.map((i) => [i.id, i.title, i.presenter, i.minutes, i.priority])).toEqual([
      ['action-items', 'Open action items from earlier meetings (2, 1 overdue)', 'centre', 7, 30],
      ['alerts', 'Alerts issued and their acknowledgement (2)', 'centre', 7, 36],
      ['advisory:adv-1', 'Advisory: Advisory adv-1', 'energy', 10, 46],
      ['advisory:adv-3', 'Advisory: Advisory adv-3', 'energy', 10, 25],
      ['advisory:adv-4', 'Advisory: Advisory adv-4', 'energy', 10, 20],
    ]);
    expect(agenda.items[0].notes).toEqual(['Action a-1 — owner health, due 2027-01-15 (OVERDUE by 5 days)', 'Action a-2 — owner health, due 2027-01-30']);
    expect(agenda.items[1].notes).toEqual(['Alert al-1 (high) — acknowledged 67%: energy 3/4, health 1/2', 'Alert al-2 (medium) — acknowledged 100%: energy 2/2']);
    expect(agenda.items[2].notes).toEqual(['Reached 4 sectors and 40 organisations']);
  });

  it('counts one overdue day in the singular (issue 17, rough edge 7)', () => {
    const agenda = draft(noFacts({ actionItems: [action({ id: 'a-1', due: daysBefore(1) }), action({ id: 'a-2', due: daysBefore(2) })] }));
    expect(agenda.items[0].notes).toEqual([
      'Action a-2 — owner health, due 2027-01-18 (OVERDUE by 2 days)',
      'Action a-1 — owner health, due 2027-01-19 (OVERDUE by 1 day)',
    ]);
  });
});

describe('draftAgenda: time boxes', () => {
  const hour: Partial<Meeting> = { endsAt: new Date('2027-02-03T10:00:00.000Z'), breaks: undefined };

  it('defers what does not fit, highest priority first, and still fills gaps with smaller items', () => {
    const agenda = draft(
      noFacts({
        standing: [
          standing({ id: 's5', priority: 10, minutes: 10 }),
          standing({ id: 's1', priority: 50, minutes: 30 }),
          standing({ id: 's4', priority: 35, minutes: 40 }),
          standing({ id: 's2', priority: 40, minutes: 20 }),
          standing({ id: 's3', priority: 30, minutes: 20 }),
        ],
      }),
      { meeting: meeting(hour) },
    );
    expect(agenda.items.map((i) => i.id)).toEqual(['standing:s1', 'standing:s2', 'standing:s5']);
    expect(agenda.deferred.map((i) => [i.id, i.priority])).toEqual([
      ['standing:s4', 35],
      ['standing:s3', 30],
    ]);
    expect([agenda.totalMinutes, agenda.availableMinutes, agenda.overTimeMinutes]).toEqual([60, 60, 0]);
  });

  it('inserts a break before the item that would run a block past 90 minutes', () => {
    const agenda = draft(
      noFacts({
        standing: [
          standing({ id: 'b3', kind: 'preparedness', priority: 30, minutes: 40 }),
          standing({ id: 'b1', kind: 'threat-picture', priority: 50, minutes: 60 }),
          standing({ id: 'b2', kind: 'infrastructure-overview', priority: 40, minutes: 45 }),
        ],
      }),
    );
    const slots = agenda.schedule.map((s) => [s.type === 'item' ? s.itemId : 'break', s.startsAt.toISOString().slice(11, 16), s.endsAt.toISOString().slice(11, 16)]);
    expect(slots).toEqual([
      ['standing:b1', '09:00', '10:00'],
      ['break', '10:00', '10:15'],
      ['standing:b2', '10:15', '11:00'],
      ['standing:b3', '11:00', '11:40'],
    ]);
    expect(agenda.totalMinutes).toBe(160);
  });

  it('counts breaks when deciding what fits', () => {
    const agenda = draft(
      noFacts({
        standing: [
          standing({ id: 'x1', priority: 50, minutes: 60 }),
          standing({ id: 'x2', priority: 40, minutes: 45 }),
          standing({ id: 'x3', priority: 30, minutes: 10 }), // would fit without the break (115 ≤ 120)
        ],
      }),
      { meeting: meeting({ endsAt: new Date('2027-02-03T11:00:00.000Z') }) },
    );
    expect(agenda.items.map((i) => i.id)).toEqual(['standing:x1', 'standing:x2']);
    expect(agenda.deferred.map((i) => i.id)).toEqual(['standing:x3']);
    expect(agenda.schedule.map((s) => s.type)).toEqual(['item', 'break', 'item']);
    expect(agenda.totalMinutes).toBe(120);
  });

  it.each<[string, Partial<Meeting>, number[], number[], number]>([
    ['no breaks: a closing item of 10 minutes, the rest of the hour stays free', hour, [30], [30, 10], 40],
    ['less than 10 minutes left: the closing item takes what is left', hour, [55], [55, 5], 60],
    // 60 + break + 45 + 10 keeps the second block at 55 minutes: no second break needed.
    ['breaks: 10 minutes after the last item', {}, [60, 45], [60, 45, 10], 130],
    // 85 + 10 would cross the 90-minute rule: a break, then the closing item (85 + 15 + 10 = 110 ≤ 120)
    ['breaks: a break before the closing item when it crosses the 90-minute rule', { endsAt: new Date('2027-02-03T11:00:00.000Z') }, [85], [85, 10], 110],
    // in 100 minutes that break does not fit: the closing item shrinks to 5 and the block stays at 90
    ['breaks: shortened rather than needing a break that does not fit', { endsAt: new Date('2027-02-03T10:40:00.000Z') }, [85], [85, 5], 90],
  ])('closing item: %s', (_name, overrides, standingMinutes, expectedMinutes, expectedTotal) => {
    const standingItems = standingMinutes.map((minutes, i) => standing({ id: `c${i + 1}`, priority: 50 - i, minutes }));
    const agenda = draft(noFacts({ standing: standingItems }), { meeting: meeting(overrides), closingItem: true });
    expect(agenda.items.map((i) => i.minutes)).toEqual(expectedMinutes);
    expect(agenda.items.at(-1)).toMatchObject({ id: 'closing', title: 'Any other business and close', presenter: 'centre', sources: [] });
    expect(agenda.totalMinutes).toBe(expectedTotal);
    expect(agenda.overTimeMinutes).toBe(0);
  });

  it('closing item: none when the items fill the meeting', () => {
    const agenda = draft(noFacts({ standing: [standing({ id: 'full', minutes: 60 })] }), { meeting: meeting(hour), closingItem: true });
    expect(agenda.items.map((i) => i.id)).toEqual(['standing:full']);
    expect(agenda.totalMinutes).toBe(60);
  });

  it('a 3-hour meeting with 40 minutes of business ends early: the spare time is not given to the closing item', () => {
    const agenda = draft(noFacts({ standing: [standing({ id: 'a', priority: 50, minutes: 25 }), standing({ id: 'b', priority: 40, minutes: 15 })] }), { closingItem: true });
    const slots = agenda.schedule.map((s) => [s.type === 'item' ? s.itemId : 'break', s.startsAt.toISOString().slice(11, 16), s.endsAt.toISOString().slice(11, 16)]);
    expect(slots).toEqual([
      ['standing:a', '09:00', '09:25'],
      ['standing:b', '09:25', '09:40'],
      ['closing', '09:40', '09:50'],
    ]);
    // items and breaks sum to the total; the rest of the 180 minutes is visibly spare
    expect([agenda.totalMinutes, agenda.availableMinutes, agenda.overTimeMinutes]).toEqual([50, 180, 0]);
  });
});
