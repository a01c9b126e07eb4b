// Whole periods: the same facts in any order give the same agenda, and a seeded history across
// sectors and markings gives exactly the expected items, exclusions and times.
import { draftAgenda } from './draft-agenda.js';
import type { PeriodFacts } from './period-facts.js';
import { action, advisory, alert, daysBefore, incident, meeting, network, noFacts, NOW, proposal, standing } from '../testing/fixtures.js';

describe('draftAgenda: determinism', () => {
  const facts = noFacts({
    incidents: [incident({ id: 'i-1', severity: 'high' }), incident({ id: 'i-2', tlp: 'TLP:RED' }), incident({ id: 'i-3', sector: 'health', severity: 'high' })],
    alerts: [alert({ id: 'al-1' }), alert({ id: 'al-2', issuedAt: daysBefore(2) })],
    advisories: [advisory({ id: 'adv-1' }), advisory({ id: 'adv-2', reachSectors: 3 })],
    actionItems: [action({ id: 'a-1' }), action({ id: 'a-2', due: daysBefore(3) })],
    proposals: [proposal({ id: 'p-1' }), proposal({ id: 'p-2', minutes: 30 })],
    standing: [standing({ id: 's-1', priority: 20 }), standing({ id: 's-2', priority: 20 })],
  });
  const reversed: PeriodFacts = {
    incidents: [...facts.incidents].reverse(),
    alerts: [...facts.alerts].reverse(),
    advisories: [...facts.advisories].reverse(),
    actionItems: [...facts.actionItems].reverse(),
    proposals: [...facts.proposals].reverse(),
    standing: [...facts.standing].reverse(),
  };

  it('gives the same agenda for the same facts in any order', () => {
    const first = draftAgenda({ meeting: meeting(), facts, network, now: NOW });
    const second = draftAgenda({ meeting: meeting(), facts: reversed, network, now: NOW });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.items.map((i) => i.id)).toEqual([
      'action-items',
      'incidents:energy:high',
      'incidents:health:high',
      'alerts',
      'advisory:adv-2',
      'advisory:adv-1',
      'standing:s-1',
      'standing:s-2',
      'proposal:p-1',
      'proposal:p-2',
      'closing',
    ]);
    expect(first.screenedFor).toEqual(['org-centre', 'org-energy', 'org-health']);
  });
});

describe('draftAgenda: a seeded period, participants centre, energy and health', () => {
  const fromTelecom = { authorOrgId: 'org-telecom', authorSlug: 'telecom', recipientOrgIds: ['org-centre', 'org-telecom'] };
  const facts = noFacts({
    incidents: [
      incident({ id: 'i-e1', severity: 'critical', awareAt: daysBefore(7), overdueReports: ['early-warning'], affectedSectors: ['health'] }),
      incident({ id: 'i-e2', severity: 'critical', tlp: 'TLP:AMBER' }),
      incident({ id: 'i-t1', sector: 'telecom', severity: 'high', tlp: 'TLP:RED', ...fromTelecom }),
      incident({ id: 'i-t2', sector: 'telecom', severity: 'high', ...fromTelecom }),
      incident({
        id: 'i-h1',
        sector: 'health',
        tlp: 'TLP:AMBER+STRICT',
        authorOrgId: 'org-health',
        authorSlug: 'health',
        recipientOrgIds: ['org-centre', 'org-health', 'org-energy'],
      }),
    ],
    alerts: [
      alert({
        id: 'al-1',
        issuedAt: daysBefore(14),
        acknowledgements: [
          { sector: 'energy', delivered: 4, acknowledged: 4 },
          { sector: 'health', delivered: 4, acknowledged: 2 },
        ],
      }),
      alert({ id: 'al-2', tlp: 'TLP:CLEAR', severity: 'low', issuedAt: daysBefore(1) }),
    ],
    advisories: [
      advisory({ id: 'adv-1', tlp: 'TLP:AMBER', severity: 'high', reachSectors: 3, reachOrganisations: 20, authorOrgId: 'org-health', authorSlug: 'health', recipientOrgIds: ['org-centre', 'org-energy'] }),
      advisory({ id: 'adv-2', reachSectors: 1 }),
      advisory({ id: 'adv-3', tlp: 'TLP:RED', recipientOrgIds: ['org-centre'] }),
    ],
    actionItems: [action({ id: 'a-1', due: daysBefore(5) }), action({ id: 'a-2' })],
    proposals: [proposal({ id: 'p-1', minutes: 20, submittedAt: daysBefore(14), authorOrgId: 'org-energy', authorSlug: 'energy' }), proposal({ id: 'p-2', minutes: 45 })],
    standing: [
      standing({ id: 's-infra', kind: 'infrastructure-overview', minutes: 30 }),
      standing({ id: 's-prep', kind: 'preparedness', minutes: 15, priority: 15 }),
      standing({ id: 's-threat', kind: 'threat-picture', minutes: 20, priority: 25 }),
    ],
  });
  const agenda = draftAgenda({ meeting: meeting({ tlp: 'TLP:AMBER' }), facts, network, now: NOW, coordinatorOrgId: 'org-centre' });

  it('proposes exactly these items, in this order and time', () => {
    const slots = agenda.schedule.map((s) => `${s.startsAt.toISOString().slice(11, 16)} ${s.type === 'item' ? s.itemId : 'break'}`);
    expect(slots).toEqual([
      '09:00 action-items',
      '09:07 incidents:energy:critical',
      '09:12 incidents:telecom:high',
      '09:17 incidents:health:medium',
      '09:22 alerts',
      '09:29 advisory:adv-1',
      '09:39 standing:s-threat',
      '09:59 standing:s-infra',
      '10:29 break',
      '10:44 proposal:p-1',
      '11:04 proposal:p-2',
      '11:49 closing',
    ]);
    expect(agenda.items.find((i) => i.id === 'incidents:telecom:high')?.presenter).toBe('centre');
    expect(agenda.items.find((i) => i.id === 'incidents:energy:critical')?.priority).toBe(61);
  });

  it('fits the meeting, breaks included, closes in 10 minutes and defers what did not fit', () => {
    // 11:49 + a 10-minute close: one minute of the meeting stays unallocated (s-prep needs 15)
    expect([agenda.totalMinutes, agenda.availableMinutes, agenda.overTimeMinutes]).toEqual([179, 180, 0]);
    expect(agenda.items.find((i) => i.id === 'closing')?.minutes).toBe(10);
    expect(agenda.items.reduce((n, i) => n + i.minutes, 0) + 15).toBe(179);
    expect(agenda.deferred.map((i) => i.id)).toEqual(['standing:s-prep']);
  });

  it('lists every left-out source the coordinator (the centre) may read, with the reason', () => {
    expect(agenda.excluded.map((e) => [e.kind, e.id, e.reason])).toEqual([
      ['incidents', 'i-e2', 'TLP:AMBER from energy, not readable by health'],
      ['incidents', 'i-t1', 'TLP:RED from telecom, not readable by energy, health'],
      ['advisory', 'advisory:adv-3', 'TLP:RED from energy, not readable by health'],
    ]);
  });

  it('marks the agenda with the strictest label it contains', () => {
    expect(agenda.tlp).toBe('TLP:AMBER+STRICT');
  });
});
