import type { Agenda, Meeting, SourceFact } from './agenda.js';
import { draftAgenda } from './draft-agenda.js';
import { addItem, moveItem, removeItem, restoreDeferred, setTimeBox, type AgendaEdit, type NewAgendaItem } from './edit-agenda.js';
import { meeting, network, noFacts, NOW, standing } from '../testing/fixtures.js';

// Two hours with a 15-minute break rule at 90: a1 (40) a2 (30) a3 (20) fit; d1 (60) is deferred.
const twoHours: Meeting = meeting({ endsAt: new Date('2027-02-03T11:00:00.000Z') });

function drafted(theMeeting: Meeting = twoHours): Agenda {
  return draftAgenda({
    meeting: theMeeting,
    facts: noFacts({
      standing: [
        standing({ id: 'a1', priority: 50, minutes: 40 }),
        standing({ id: 'a2', priority: 40, minutes: 30 }),
        standing({ id: 'd1', priority: 35, minutes: 60 }),
        standing({ id: 'a3', priority: 30, minutes: 20 }),
      ],
    }),
    network,
    now: NOW,
    closingItem: false,
  });
}

function ok(edit: AgendaEdit): Agenda {
  if (!edit.ok) throw new Error(`expected the edit to succeed: ${edit.code} ${edit.reason}`);
  return edit.agenda;
}

function summary(agenda: Agenda) {
  return {
    items: agenda.items.map((i) => `${i.id}:${i.minutes}`),
    slots: agenda.schedule.map((s) => `${s.type === 'item' ? s.itemId : 'break'}@${s.startsAt.toISOString().slice(11, 16)}`),
    totalMinutes: agenda.totalMinutes,
    overTimeMinutes: agenda.overTimeMinutes,
  };
}

const amberForAll: SourceFact = {
  kind: 'advisory',
  id: 'adv-9',
  title: 'Amber advisory',
  tlp: 'TLP:AMBER',
  authorOrgId: 'org-energy',
  authorSlug: 'energy',
  recipientOrgIds: ['org-centre', 'org-health'],
};
const redFromEnergy: SourceFact = { ...amberForAll, id: 'inc-9', kind: 'incident', tlp: 'TLP:RED', recipientOrgIds: ['org-centre'] };
const newItem = (overrides: Partial<NewAgendaItem> = {}): NewAgendaItem => ({
  id: 'n1',
  title: 'Exercise debrief',
  presenter: 'health',
  minutes: 10,
  sources: [],
  ...overrides,
});

describe('edits', () => {
  it('starts from the expected draft', () => {
    const agenda = drafted();
    expect(summary(agenda)).toEqual({
      items: ['standing:a1:40', 'standing:a2:30', 'standing:a3:20'],
      slots: ['standing:a1@09:00', 'standing:a2@09:40', 'standing:a3@10:10'],
      totalMinutes: 90,
      overTimeMinutes: 0,
    });
    expect(agenda.deferred.map((i) => i.id)).toEqual(['standing:d1']);
  });

  it.each<[string, (a: Agenda) => AgendaEdit, ReturnType<typeof summary>]>([
    [
      'add at a position',
      (a) => addItem(a, twoHours, network, newItem(), 1),
      {
        items: ['standing:a1:40', 'n1:10', 'standing:a2:30', 'standing:a3:20'],
        slots: ['standing:a1@09:00', 'n1@09:40', 'standing:a2@09:50', 'break@10:20', 'standing:a3@10:35'],
        totalMinutes: 115,
        overTimeMinutes: 0,
      },
    ],
    [
      'remove',
      (a) => removeItem(a, twoHours, 'standing:a2'),
      { items: ['standing:a1:40', 'standing:a3:20'], slots: ['standing:a1@09:00', 'standing:a3@09:40'], totalMinutes: 60, overTimeMinutes: 0 },
    ],
    [
      'move to the front',
      (a) => moveItem(a, twoHours, 'standing:a3', 0),
      {
        items: ['standing:a3:20', 'standing:a1:40', 'standing:a2:30'],
        slots: ['standing:a3@09:00', 'standing:a1@09:20', 'standing:a2@10:00'],
        totalMinutes: 90,
        overTimeMinutes: 0,
      },
    ],
    [
      'a longer time box runs over: reported, nothing cut',
      (a) => setTimeBox(a, twoHours, 'standing:a2', 60),
      {
        items: ['standing:a1:40', 'standing:a2:60', 'standing:a3:20'],
        slots: ['standing:a1@09:00', 'break@09:40', 'standing:a2@09:55', 'standing:a3@10:55'],
        totalMinutes: 135,
        overTimeMinutes: 15,
      },
    ],
    [
      'bring back a deferred item',
      (a) => restoreDeferred(a, twoHours, 'standing:d1'),
      {
        items: ['standing:a1:40', 'standing:a2:30', 'standing:a3:20', 'standing:d1:60'],
        slots: ['standing:a1@09:00', 'standing:a2@09:40', 'standing:a3@10:10', 'break@10:30', 'standing:d1@10:45'],
        totalMinutes: 165,
        overTimeMinutes: 45,
      },
    ],
  ])('%s', (_name, edit, expected) => {
    const before = drafted();
    const snapshot = JSON.stringify(before);
    expect(summary(ok(edit(before)))).toEqual(expected);
    expect(JSON.stringify(before)).toBe(snapshot); // the input agenda is never changed
  });

  it('takes a restored item off the deferred list', () => {
    expect(ok(restoreDeferred(drafted(), twoHours, 'standing:d1')).deferred).toEqual([]);
  });

  it('raises the agenda TLP when an added item carries a stricter source every participant may read', () => {
    const agenda = ok(addItem(drafted(), twoHours, network, newItem({ sources: [amberForAll] })));
    expect(agenda.tlp).toBe('TLP:AMBER');
    expect(agenda.items.at(-1)?.sources).toEqual([{ kind: 'advisory', id: 'adv-9', title: 'Amber advisory', tlp: 'TLP:AMBER', authorOrgId: 'org-energy', recipientOrgIds: ['org-centre', 'org-health'] }]);
    expect(ok(removeItem(agenda, twoHours, 'n1')).tlp).toBe('TLP:GREEN');
  });

  it.each<[string, (a: Agenda) => AgendaEdit, string, string | RegExp]>([
    [
      'a source some participant may not read',
      (a) => addItem(a, twoHours, network, newItem({ sources: [redFromEnergy] })),
      'AGENDA.SOURCE_NOT_READABLE',
      'TLP:RED from energy, not readable by health',
    ],
    ['a duplicate id (also of a deferred item)', (a) => addItem(a, twoHours, network, newItem({ id: 'standing:d1' })), 'AGENDA.DUPLICATE_ITEM', /standing:d1/],
    ['an empty title', (a) => addItem(a, twoHours, network, newItem({ title: '  ' })), 'AGENDA.INVALID_ITEM', /title/],
    ['a zero time box', (a) => addItem(a, twoHours, network, newItem({ minutes: 0 })), 'AGENDA.INVALID_TIME_BOX', /got 0/],
    ['a fractional time box', (a) => setTimeBox(a, twoHours, 'standing:a1', 7.5), 'AGENDA.INVALID_TIME_BOX', /got 7.5/],
    ['a position past the end', (a) => addItem(a, twoHours, network, newItem(), 4), 'AGENDA.INVALID_POSITION', 'Position 4 is outside 0..3.'],
    ['moving past the end', (a) => moveItem(a, twoHours, 'standing:a1', 3), 'AGENDA.INVALID_POSITION', 'Position 3 is outside 0..2.'],
    ['removing an unknown item', (a) => removeItem(a, twoHours, 'nope'), 'AGENDA.ITEM_NOT_FOUND', 'The agenda has no item nope.'],
    ['restoring an item that is not deferred', (a) => restoreDeferred(a, twoHours, 'standing:a1'), 'AGENDA.ITEM_NOT_FOUND', /standing:a1/],
    ['another meeting', (a) => removeItem(a, meeting({ id: 'other' }), 'standing:a1'), 'AGENDA.WRONG_MEETING', /other/],
    [
      'participants changed since drafting',
      (a) => removeItem(a, { ...twoHours, participants: [...twoHours.participants, { orgId: 'org-telecom', slug: 'telecom' }] }, 'standing:a1'),
      'AGENDA.PARTICIPANTS_CHANGED',
      /draft it again/,
    ],
  ])('refuses %s', (_name, edit, code, reason) => {
    const result = edit(drafted());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    if (typeof reason === 'string') expect(result.reason).toBe(reason);
    else expect(result.reason).toMatch(reason);
  });
});
