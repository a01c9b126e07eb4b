import type { Agenda } from './agendas/agenda.js';
import { proposalFact, proposalPlace, proposerGate } from './proposals.js';
import { network } from './testing/fixtures.js';

const meeting = { coordinatorOrgId: 'org-centre', participantOrgIds: ['org-energy', 'org-health', 'org-adatum'] };

describe('proposerGate: who may propose an agenda item', () => {
  it("the meeting's participants, of any kind (a member taking part too)", () => {
    expect(proposerGate(meeting, 'org-health')).toBe('participant');
    expect(proposerGate(meeting, 'org-adatum')).toBe('participant');
  });

  it('a coordinating organisation that does not take part adds items itself', () => {
    expect(proposerGate(meeting, 'org-centre')).toBe('coordinator-only');
    expect(proposerGate({ ...meeting, participantOrgIds: [...meeting.participantOrgIds, 'org-centre'] }, 'org-centre')).toBe('participant');
  });

  it('anyone else is an outsider: the meeting is missing for it', () => {
    expect(proposerGate(meeting, 'org-telecom')).toBe('outsider');
    expect(proposerGate(meeting, 'org-unknown')).toBe('outsider');
  });
});

describe('proposalPlace', () => {
  const item = (id: string) => ({ id, title: id, kind: 'proposal' as const, presenter: 'health', minutes: 10, sources: [], priority: 0, notes: [] });
  const agenda: Pick<Agenda, 'items' | 'deferred' | 'excluded'> = {
    items: [item('proposal:p1')],
    deferred: [item('proposal:p2')],
    excluded: [{ kind: 'proposal', id: 'proposal:p3', title: 'p3', reason: 'TLP:RED', codes: [], notReadableBy: ['energy'] }],
  };

  it('on the agenda, deferred, left out for TLP, or not taken', () => {
    expect(['p1', 'p2', 'p3', 'p4'].map((id) => proposalPlace(id, agenda))).toEqual(['on-agenda', 'deferred', 'left-out', 'not-on-agenda']);
    expect(proposalPlace('p1', null)).toBe('not-on-agenda');
  });

  it('maps a stored proposal onto the facts the policy judges, naming its author by slug', () => {
    const fact = proposalFact({ id: 'p1', title: 'Debrief', minutes: null, createdAt: new Date('2027-01-01T00:00:00Z'), tlp: 'TLP:AMBER', authorOrgId: 'org-health', recipientOrgIds: ['org-energy'] }, network);
    expect(fact).toEqual({ id: 'p1', title: 'Debrief', submittedAt: new Date('2027-01-01T00:00:00Z'), tlp: 'TLP:AMBER', authorOrgId: 'org-health', authorSlug: 'health', recipientOrgIds: ['org-energy'] });
  });
});
