import { draftAgenda } from './draft-agenda.js';
import type { RegisterChangeFact } from './period-facts.js';
import { standingItems } from './standing-items.js';
import { daysBefore, meeting, network, noFacts, NOW } from '../testing/fixtures.js';

// Issue 18: the overview item of each sector lists what changed in its registers since the last
// meeting, each change judged by the TLP policy for every reader of the agenda.
const participants = [
  { orgId: 'org-centre', slug: 'centre', kind: 'centre' as const },
  { orgId: 'org-energy', slug: 'energy', kind: 'sector-unit' as const, sector: 'energy' },
  { orgId: 'org-health', slug: 'health', kind: 'sector-unit' as const, sector: 'health' },
];

/** A change in adatum's register (an energy member): by default GREEN, readable by every participant. */
function change(overrides: Partial<RegisterChangeFact> & { id: string }): RegisterChangeFact {
  return {
    entryId: `entry-${overrides.id}`,
    sector: 'energy',
    change: 'added',
    name: `Entry ${overrides.id}`,
    kind: 'service',
    criticality: 'high',
    fields: [],
    at: daysBefore(3),
    tlp: 'TLP:GREEN',
    authorOrgId: 'org-adatum',
    authorSlug: 'adatum',
    recipientOrgIds: ['org-centre', 'org-energy'],
    ...overrides,
  };
}

function draft(registerChanges: RegisterChangeFact[], coordinatorOrgId = 'org-centre') {
  const facts = noFacts({ standing: standingItems(participants, 'centre'), registerChanges });
  return draftAgenda({ meeting: meeting(), facts, network, now: NOW, closingItem: false, coordinatorOrgId });
}
const overview = (agenda: ReturnType<typeof draft>, sector: string) => agenda.items.find((i) => i.id === `standing:infrastructure-overview:${sector}`)!;

describe('the infrastructure overview item', () => {
  it('lists entries added, changed and removed with name, kind and criticality, in the sector of the register', () => {
    const agenda = draft([
      change({ id: 'c1', name: 'Grid control remote access', kind: 'ot', criticality: 'critical', at: daysBefore(9) }),
      change({ id: 'c2', entryId: 'entry-scada', change: 'added', name: 'SCADA historian', kind: 'system', criticality: 'medium', at: daysBefore(8) }),
      change({ id: 'c3', entryId: 'entry-scada', change: 'changed', name: 'SCADA historian', kind: 'system', criticality: 'high', fields: ['criticality'], at: daysBefore(2) }),
      change({ id: 'c4', entryId: 'entry-vpn', change: 'changed', name: 'Market VPN', kind: 'network', criticality: 'high', fields: ['products', 'dependsOn'], at: daysBefore(5) }),
      change({ id: 'c5', entryId: 'entry-old', change: 'removed', name: 'Old billing', kind: 'software', criticality: 'low', authorSlug: 'energy', authorOrgId: 'org-energy', at: daysBefore(4) }),
    ]);
    const energy = overview(agenda, 'energy');
    expect(energy.notes).toEqual([
      'added: Grid control remote access (ot, critical) — adatum',
      'added: SCADA historian (system, high) — adatum',
      'changed: Market VPN (network, high; products, dependsOn changed) — adatum',
      'removed: Old billing (software, low) — energy',
    ]);
    expect(energy.sources.map((s) => [s.kind, s.id])).toEqual(['c1', 'c2', 'c4', 'c5', 'c3'].map((id) => ['register-change', id]));
    // four entries: two minutes more than the bare round
    expect(energy.minutes).toBe(7);
    expect(overview(agenda, 'health').notes).toEqual(['No register changes since the last meeting that every participant may read.']);
    expect(agenda.excluded).toEqual([]);
  });

  it('leaves out a change a participant may not read: listed for a coordinator who may read it, counted otherwise', () => {
    // AMBER+STRICT to the centre and energy: health (a participant) may not read it
    const strict = change({ id: 'c-strict', name: 'Substation telemetry', tlp: 'TLP:AMBER+STRICT' });
    const agenda = draft([strict, change({ id: 'c-green', name: 'Public portal' })]);
    expect(overview(agenda, 'energy').notes).toEqual(['added: Public portal (service, high) — adatum']);
    expect(JSON.stringify(agenda.items)).not.toContain('Substation telemetry');
    expect(agenda.excluded).toEqual([
      expect.objectContaining({ kind: 'infrastructure-overview', id: 'register-change:c-strict', title: 'Register of adatum (energy): added Substation telemetry', notReadableBy: ['health'] }),
    ]);
    expect(agenda.excludedUnlisted).toBe(0);
    // drafted by health's coordinator, which may not read it either: counted, never described
    const byHealth = draft([strict], 'org-health');
    expect(byHealth.excluded).toEqual([]);
    expect(byHealth.excludedUnlisted).toBe(1);
    expect(JSON.stringify(byHealth)).not.toContain('Substation telemetry');
  });

  it('an entry added and removed in the same period says so', () => {
    const agenda = draft([
      change({ id: 'a', entryId: 'e', change: 'added', name: 'Trial link', at: daysBefore(6) }),
      change({ id: 'b', entryId: 'e', change: 'removed', name: 'Trial link', at: daysBefore(1) }),
    ]);
    expect(overview(agenda, 'energy').notes).toEqual(['added and removed: Trial link (service, high) — adatum']);
  });

  it('the agenda is marked at least as strictly as the register changes it cites', () => {
    const amber = change({ id: 'amber', tlp: 'TLP:AMBER', recipientOrgIds: ['org-centre', 'org-energy', 'org-health'] });
    const agenda = draft([amber]);
    expect(overview(agenda, 'energy').sources.map((s) => s.id)).toEqual(['amber']);
    expect(agenda.tlp).toBe('TLP:AMBER');
  });
});
