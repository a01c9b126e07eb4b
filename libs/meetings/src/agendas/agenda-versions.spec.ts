import type { Agenda, Meeting, SourceFact } from './agenda.js';
import { agendaChanges, checkCorrection } from './agenda-versions.js';
import { draftAgenda } from './draft-agenda.js';
import { addItem, moveItem, removeItem, setTimeBox, type AgendaEdit } from './edit-agenda.js';
import { meeting, network, noFacts, NOW, standing } from '../testing/fixtures.js';

const amber: Meeting = meeting({ tlp: 'TLP:AMBER' });
const everyOrg = ['org-centre', 'org-energy', 'org-health', 'org-telecom', 'org-transport', 'org-adatum'];

function published(theMeeting: Meeting = amber): Agenda {
  const agenda = draftAgenda({
    meeting: theMeeting,
    facts: noFacts({ standing: [standing({ id: 'a1', title: 'Threat picture', minutes: 20 }), standing({ id: 'a2', title: 'Preparedness', minutes: 10 }), standing({ id: 'a3', title: 'Overview', minutes: 10 })] }),
    network,
    now: NOW,
    closingItem: false,
  });
  return { ...agenda, version: 1 };
}

function ok(edit: AgendaEdit): Agenda {
  if (!edit.ok) throw new Error(`${edit.code} ${edit.reason}`);
  return edit.agenda;
}

// energy's advisory to centre and energy only, AMBER+STRICT: health (a participant) may not read it
const strictForSome: SourceFact = { kind: 'advisory', id: 'adv-s', title: 'Strict', tlp: 'TLP:AMBER+STRICT', authorOrgId: 'org-energy', authorSlug: 'energy', recipientOrgIds: ['org-centre', 'org-energy'] };
// an AMBER+STRICT advisory to every participant: they may read it, their members may not
const strictForAll: SourceFact = { ...strictForSome, id: 'adv-all', recipientOrgIds: ['org-centre', 'org-energy', 'org-health'] };

describe('agendaChanges', () => {
  it('lists removed, added, moved and re-timed items, and a new marking, one line each', () => {
    const v1 = published();
    let v2 = ok(removeItem(v1, amber, 'standing:a3'));
    v2 = ok(addItem(v2, amber, network, { id: 'added:x', title: 'Exercise debrief', presenter: 'health', minutes: 15, sources: [] }, 0));
    v2 = ok(setTimeBox(v2, amber, 'standing:a2', 25));
    expect(agendaChanges(v1, v2)).toEqual(['Removed: Overview', 'Added: Exercise debrief (item 1, 15 min)', 'Time box: Preparedness (10 → 25 min)']);
    const moved = ok(moveItem(v1, amber, 'standing:a2', 0));
    expect(agendaChanges(v1, moved)).toEqual(['Moved: Preparedness (item 2 → 1)', 'Moved: Threat picture (item 1 → 2)']);
    expect(agendaChanges(v1, { ...v1, tlp: 'TLP:AMBER+STRICT' })).toEqual(['Marking: TLP:AMBER → TLP:AMBER+STRICT']);
    expect(agendaChanges(v1, v1)).toEqual([]);
    // a relaxed version's readers may not have read the stricter one before: its titles are not named
    const strict = { ...v1, tlp: 'TLP:AMBER+STRICT' as const };
    const relaxed = { ...v1, items: v1.items.slice(1).map((i, n) => (n === 0 ? { ...i, title: 'New title' } : i)) };
    expect(agendaChanges(strict, relaxed).join('\n')).not.toContain(v1.items[0].title);
    expect(agendaChanges(strict, relaxed)[0]).toBe('Removed: an item of the previous version (TLP:AMBER+STRICT)');
    expect(agendaChanges(strict, relaxed).join('\n')).not.toContain(v1.items[1].title + ' →');
  });
});

describe('checkCorrection: the rule every version passes', () => {
  it('accepts a changed copy for the same participants, marked by the composed-document rule', () => {
    const v1 = published();
    const corrected = ok(setTimeBox(v1, amber, 'standing:a1', 30));
    const result = checkCorrection(amber, v1, corrected, network, everyOrg);
    expect(result).toMatchObject({ ok: true, changes: ['Time box: Threat picture (20 → 30 min)'], agenda: { tlp: 'TLP:AMBER' } });
  });

  it('refuses a correction that changes nothing', () => {
    const v1 = published();
    expect(checkCorrection(amber, v1, { ...v1 }, network, everyOrg)).toMatchObject({ ok: false, code: 'AGENDA.NO_CHANGE' });
  });

  it('never widens the audience: a copy screened for other participants, or a meeting with new ones, is refused', () => {
    const v1 = published();
    const corrected = ok(setTimeBox(v1, amber, 'standing:a1', 30));
    expect(checkCorrection(amber, v1, { ...corrected, screenedFor: [...corrected.screenedFor, 'org-telecom'].sort() }, network, everyOrg)).toMatchObject({ ok: false, code: 'AGENDA.AUDIENCE_CHANGED' });
    const wider: Meeting = { ...amber, participants: [...amber.participants, { orgId: 'org-telecom', slug: 'telecom' }] };
    expect(checkCorrection(wider, v1, corrected, network, everyOrg)).toMatchObject({ ok: false, code: 'AGENDA.AUDIENCE_CHANGED' });
  });

  it('never weakens the marking below the rule: a stored label wider than its sources allow is raised, not kept', () => {
    const v1 = published();
    const corrected = ok(addItem(v1, amber, network, { id: 'added:s', title: 'Firmware', presenter: 'energy', minutes: 5, sources: [strictForAll] }));
    // whatever label the copy carries, the version is marked by its items: AMBER+STRICT, as members of the participants may not read the source
    const result = checkCorrection(amber, v1, { ...corrected, tlp: 'TLP:CLEAR' }, network, everyOrg);
    expect(result).toMatchObject({ ok: true, agenda: { tlp: 'TLP:AMBER+STRICT' } });
    if (result.ok) expect(result.changes).toContain('Marking: TLP:AMBER → TLP:AMBER+STRICT');
  });

  it('relaxes only as far as the meeting’s own marking when a strict item is removed', () => {
    const strictV1 = { ...ok(addItem(published(), amber, network, { id: 'added:s', title: 'Firmware', presenter: 'energy', minutes: 5, sources: [strictForAll] })), tlp: 'TLP:AMBER+STRICT' as const };
    const without = ok(removeItem(strictV1, amber, 'added:s'));
    expect(checkCorrection(amber, strictV1, { ...without, tlp: 'TLP:GREEN' }, network, everyOrg)).toMatchObject({ ok: true, agenda: { tlp: 'TLP:AMBER' } });
  });

  it('refuses an item a participant may not read, however it got into the copy', () => {
    const v1 = published();
    const smuggled: Agenda = { ...v1, items: [...v1.items, { id: 'added:s', title: 'Strict', kind: 'other', presenter: 'energy', minutes: 5, priority: 0, notes: [], sources: [{ ...strictForSome }] }] };
    expect(checkCorrection(amber, v1, smuggled, network, everyOrg)).toMatchObject({ ok: false, code: 'AGENDA.SOURCE_NOT_READABLE' });
  });
});
