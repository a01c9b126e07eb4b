import { draftContents, draftLines, meetingDetail, type DraftView } from './meeting-format.js';

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
  it("states the whole period a series' first meeting is drafted from, then what the draft holds", () => {
    const lines = draftLines(draft({ from: null, to: '2027-01-20T10:30:00.000Z', since: null, previousMeetingId: null }), false);
    expect(lines.slice(0, 4)).toEqual([
      'period covered  the start of the series to 2027-01-20 10:30Z (no earlier meeting in the series)',
      'contains        1 item: 1 other item',
      '',
      'agenda TLP:GREEN: 1 item, 10 of 180 minutes',
    ]);
  });

  it('states start and end of a later draft and the previous meeting, then the gaps', () => {
    const lines = draftLines(draft({ from: '2026-11-03T09:00:00.000Z', to: '2027-02-03T09:00:00.000Z', since: '2026-11-03T09:00:00.000Z', previousMeetingId: 'a4f08635' }, [{ kind: 'advisories', reason: 'only the newest 10000' }]), false);
    expect(lines.slice(0, 3)).toEqual([
      'period covered  2026-11-03 09:00Z to 2027-02-03 09:00Z, since the previous meeting of the series (a4f08635)',
      'contains        1 item: 1 other item',
      'note: advisories: only the newest 10000',
    ]);
  });

  it('an answer without the end (an older hub) still names the start', () => {
    expect(draftLines(draft({ since: '2026-11-03T09:00:00.000Z', previousMeetingId: 'a4f08635' }), false)[0]).toBe('period covered  2026-11-03 09:00Z to now, since the previous meeting of the series (a4f08635)');
  });
});

describe('draftContents', () => {
  it('counts incidents and their groups, alerts, advisories, open actions, proposals and standing items in words', () => {
    const view = draft({ since: null, previousMeetingId: null });
    const item = (id: string, kind: string, extra: object = {}) => ({ id, title: id, kind, presenter: 'centre', minutes: 10, notes: [], ...extra });
    view.agenda.items = [
      item('incidents:energy:high', 'incidents', { sources: [{ id: 'c1' }, { id: 'c2' }] }),
      item('incidents:health:low', 'incidents', { sources: [{ id: 'c3' }] }),
      item('alerts', 'alerts', { sources: [{ id: 'a1' }] }),
      item('advisory:x', 'advisory', { sources: [{ id: 'x' }] }),
      item('action-items', 'action-items', { notes: ['one', 'two'] }),
      item('proposal:p', 'proposal'),
      item('standing:threat-picture', 'threat-picture'),
      item('standing:preparedness', 'preparedness'),
      item('closing', 'other'),
    ];
    expect(draftContents(view.agenda)).toBe('3 incidents in 2 groups, 1 alert, 1 cross-sector advisory, 2 open action items, 1 proposal, 2 standing items, 1 other item');
  });

  it('says what was set aside: deferred and left out for TLP', () => {
    const view = draft({ from: null, to: '2027-01-20T10:30:00.000Z', since: null, previousMeetingId: null });
    view.agenda.deferred = [{ id: 'd', title: 'Long item', minutes: 90 }];
    view.agenda.excludedUnlisted = 2;
    expect(draftLines(view, false)[2]).toBe('left aside      1 deferred (did not fit), 2 left out for TLP');
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

describe('meetingDetail', () => {
  const base = { id: 'm1', title: 'Q1', startsAt: '2027-02-03T09:00:00.000Z', endsAt: '2027-02-03T12:00:00.000Z', location: null, onlineUrl: null, participants: ['centre'], tlp: 'TLP:AMBER', series: 's', state: 'published', coordinator: 'centre', publishedAt: '2027-01-20T10:00:00.000Z', hasAgenda: true };
  it('says when a published agenda was corrected and which version is current', () => {
    expect(meetingDetail({ ...base, agendaVersion: 1 }, false).at(-1)).toBe('agenda        published 2027-01-20 10:00Z');
    expect(meetingDetail({ ...base, agendaVersion: 3 }, false).at(-1)).toBe('agenda        published 2027-01-20 10:00Z, corrected: version 3 is current');
  });
});
