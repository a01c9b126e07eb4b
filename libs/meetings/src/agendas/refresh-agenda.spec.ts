import type { Agenda } from './agenda.js';
import { draftAgenda } from './draft-agenda.js';
import { refreshAgenda, type AgendaEdit } from './edit-agenda.js';
import { meeting, noFacts, NOW, network, standing } from '../testing/fixtures.js';

const q1 = meeting({ endsAt: new Date('2027-02-03T11:00:00.000Z') });
const drafted: Agenda = draftAgenda({
  meeting: q1,
  facts: noFacts({ standing: [standing({ id: 'a', minutes: 60 }), standing({ id: 'b', minutes: 45 })] }),
  network,
  now: NOW,
  closingItem: false,
});

function ok(edit: AgendaEdit): Agenda {
  if (!edit.ok) throw new Error(`${edit.code} ${edit.reason}`);
  return edit.agenda;
}

describe('refreshAgenda: the meeting changed after drafting', () => {
  it('moves the times with the meeting and keeps the items', () => {
    const later = ok(refreshAgenda(drafted, { ...q1, startsAt: new Date('2027-02-03T13:00:00.000Z'), endsAt: new Date('2027-02-03T15:00:00.000Z') }));
    expect(later.items).toEqual(drafted.items);
    expect(later.schedule[0]).toEqual({ type: 'item', itemId: drafted.items[0].id, startsAt: new Date('2027-02-03T13:00:00.000Z'), endsAt: new Date('2027-02-03T14:00:00.000Z') });
  });

  it('reports over-time when the meeting got shorter, never cuts', () => {
    const shorter = ok(refreshAgenda(drafted, { ...q1, endsAt: new Date('2027-02-03T10:30:00.000Z') }));
    expect(shorter.items).toHaveLength(2);
    expect(shorter.overTimeMinutes).toBe(shorter.totalMinutes - 90);
  });

  it("raises the agenda's TLP with the meeting's", () => {
    expect(ok(refreshAgenda(drafted, { ...q1, tlp: 'TLP:RED' })).tlp).toBe('TLP:RED');
  });

  it('refuses other participants: the items were judged for the old ones', () => {
    const edit = refreshAgenda(drafted, { ...q1, participants: [...q1.participants, { orgId: 'org-telecom', slug: 'telecom' }] });
    expect(edit).toMatchObject({ ok: false, code: 'AGENDA.PARTICIPANTS_CHANGED' });
  });
});
