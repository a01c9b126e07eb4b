import type { TlpLabel } from '@isac/tlp';
import type { AgendaItem } from './agenda.js';
import { agendaTlp, toAgendaSource } from './agenda-tlp.js';

const withSources = (...labels: Array<TlpLabel | undefined>): AgendaItem => ({
  id: 'x',
  title: 'x',
  kind: 'other',
  presenter: 'centre',
  minutes: 5,
  sources: labels.map((tlp, i) => ({ kind: 'note', id: `s${i}`, title: 's', tlp, authorOrgId: 'org-centre', recipientOrgIds: [] })),
  priority: 0,
  notes: [],
});

describe('agendaTlp (FIRST TLP 2.0: a compilation carries its strictest label)', () => {
  it.each<[TlpLabel, AgendaItem[], TlpLabel]>([
    ['TLP:AMBER', [], 'TLP:AMBER'],
    ['TLP:CLEAR', [withSources('TLP:GREEN', 'TLP:CLEAR')], 'TLP:GREEN'],
    ['TLP:GREEN', [withSources('TLP:CLEAR'), withSources('TLP:AMBER')], 'TLP:AMBER'],
    ['TLP:AMBER', [withSources('TLP:GREEN')], 'TLP:AMBER'],
    ['TLP:GREEN', [withSources('TLP:AMBER+STRICT', 'TLP:AMBER')], 'TLP:AMBER+STRICT'],
    ['TLP:GREEN', [withSources('TLP:RED')], 'TLP:RED'],
    ['TLP:GREEN', [withSources(undefined)], 'TLP:RED'], // unmarked: its author's alone
  ])('meeting %s with %j → %s', (meetingTlp, items, expected) => {
    expect(agendaTlp(meetingTlp, items)).toBe(expected);
  });
});

describe('toAgendaSource', () => {
  it('shows an unmarked incident as TLP:AMBER+STRICT and keeps other markings', () => {
    const base = { id: 'i', title: 't', authorOrgId: 'org-energy', authorSlug: 'energy', recipientOrgIds: [] };
    const kept = { authorOrgId: 'org-energy', recipientOrgIds: [] };
    expect(toAgendaSource({ ...base, kind: 'incident', tlp: undefined })).toEqual({ kind: 'incident', id: 'i', title: 't', tlp: 'TLP:AMBER+STRICT', ...kept });
    expect(toAgendaSource({ ...base, kind: 'proposal', tlp: undefined })).toEqual({ kind: 'proposal', id: 'i', title: 't', tlp: undefined, ...kept });
    expect(toAgendaSource({ ...base, kind: 'alert', tlp: 'TLP:RED' })).toEqual({ kind: 'alert', id: 'i', title: 't', tlp: 'TLP:RED', ...kept });
  });
});
