import { draftLines, type DraftView } from './meeting-format.js';

function draft(period: DraftView['period'], gaps: DraftView['gaps'] = []): DraftView {
  return {
    period,
    gaps,
    agenda: {
      tlp: 'TLP:GREEN',
      items: [{ id: 'closing', title: 'Any other business and close', kind: 'closing', presenter: 'centre', minutes: 10, notes: [] }],
      schedule: [{ type: 'item', itemId: 'closing', startsAt: '2027-02-03T09:00:00.000Z', endsAt: '2027-02-03T09:10:00.000Z' }],
      excluded: [],
      deferred: [],
      totalMinutes: 10,
      availableMinutes: 180,
      overTimeMinutes: 0,
    },
  };
}

describe('draftLines', () => {
  it("names the period a series' first meeting is drafted from in a sentence", () => {
    const [first, second] = draftLines(draft({ since: null, previousMeetingId: null }), false);
    expect(first).toBe('drafted from everything up to now (no earlier meeting in the series)');
    expect(second).toBe('agenda TLP:GREEN: 1 items, 10 of 180 minutes');
  });

  it('names the previous meeting a later draft starts from, then the gaps', () => {
    const lines = draftLines(draft({ since: '2026-11-03T09:00:00.000Z', previousMeetingId: 'a4f08635' }, [{ kind: 'advisories', reason: 'only the newest 10000' }]), false);
    expect(lines.slice(0, 2)).toEqual(['drafted from the period since 2026-11-03 09:00Z (previous meeting a4f08635)', 'note: advisories: only the newest 10000']);
  });
});

describe('left-out items', () => {
  it('lists what the caller may read with its reason, and only counts the rest', () => {
    const view = draft({ since: null, previousMeetingId: null });
    view.agenda.excluded = [{ id: 'inc-1', title: 'Substation ransomware', reason: 'TLP:RED from energy, not readable by health', notReadableBy: ['health'] }];
    view.agenda.excludedUnlisted = 3;
    expect(draftLines(view, false).slice(-3)).toEqual([
      'left out (a participant may not read a source)',
      '  Substation ransomware: TLP:RED from energy, not readable by health',
      '  3 items left out for TLP that your organisation may not read either',
    ]);
  });
});
