// Builders for the meetings specs: a small network, a meeting of centre, energy and health, and
// facts with sensible defaults that each test overrides where it matters.
import type { Network, NetworkOrg } from '@isac/tlp';
import type { Meeting } from '../agendas/agenda.js';
import type { ActionItem } from '../minutes/minutes.js';
import type { AdvisoryFact, AlertFact, IncidentCaseFact, PeriodFacts, ProposalFact, StandingItemFact } from '../agendas/period-facts.js';

const orgs: NetworkOrg[] = [
  { id: 'org-centre', slug: 'centre', kind: 'centre' },
  { id: 'org-energy', slug: 'energy', kind: 'sector-unit', sector: 'energy' },
  { id: 'org-health', slug: 'health', kind: 'sector-unit', sector: 'health' },
  { id: 'org-telecom', slug: 'telecom', kind: 'sector-unit', sector: 'telecom' },
  { id: 'org-transport', slug: 'transport', kind: 'sector-unit', sector: 'transport' },
  { id: 'org-adatum', slug: 'adatum', kind: 'member', sector: 'energy', parentId: 'org-energy' },
];
export const network: Network = { org: (id) => orgs.find((o) => o.id === id) };

export const NOW = new Date('2027-01-20T00:00:00.000Z');
export const DAY = 24 * 60 * 60 * 1000;
export const daysBefore = (days: number): Date => new Date(NOW.getTime() - days * DAY);

export function meeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: 'mtg-q1',
    title: 'Network meeting Q1',
    startsAt: new Date('2027-02-03T09:00:00.000Z'),
    endsAt: new Date('2027-02-03T12:00:00.000Z'),
    tlp: 'TLP:GREEN',
    participants: [
      { orgId: 'org-centre', slug: 'centre' },
      { orgId: 'org-energy', slug: 'energy' },
      { orgId: 'org-health', slug: 'health' },
    ],
    breaks: { everyMinutes: 90, breakMinutes: 15 },
    ...overrides,
  };
}

export function noFacts(overrides: Partial<PeriodFacts> = {}): PeriodFacts {
  return { incidents: [], alerts: [], advisories: [], actionItems: [], proposals: [], standing: [], ...overrides };
}

/** An incident reported by energy: addressed to the centre and energy's own unit (DESIGN §2). */
export function incident(overrides: Partial<IncidentCaseFact> & { id: string }): IncidentCaseFact {
  return {
    title: `Incident ${overrides.id}`,
    sector: 'energy',
    severity: 'medium',
    stage: 'notification',
    overdueReports: [],
    affectedSectors: [],
    awareAt: NOW,
    tlp: 'TLP:GREEN',
    authorOrgId: 'org-energy',
    authorSlug: 'energy',
    recipientOrgIds: ['org-centre', 'org-energy'],
    ...overrides,
  };
}

export function alert(overrides: Partial<AlertFact> & { id: string }): AlertFact {
  return {
    title: `Alert ${overrides.id}`,
    severity: 'high',
    issuedAt: NOW,
    acknowledgements: [],
    tlp: 'TLP:GREEN',
    authorOrgId: 'org-centre',
    authorSlug: 'centre',
    recipientOrgIds: [],
    ...overrides,
  };
}

export function advisory(overrides: Partial<AdvisoryFact> & { id: string }): AdvisoryFact {
  return {
    title: `Advisory ${overrides.id}`,
    severity: 'medium',
    publishedAt: NOW,
    reachSectors: 2,
    reachOrganisations: 10,
    tlp: 'TLP:GREEN',
    authorOrgId: 'org-energy',
    authorSlug: 'energy',
    recipientOrgIds: [],
    ...overrides,
  };
}

export function action(overrides: Partial<ActionItem> & { id: string }): ActionItem {
  return {
    title: `Action ${overrides.id}`,
    ownerOrgId: 'org-health',
    ownerSlug: 'health',
    due: daysBefore(-10),
    status: 'open',
    meetingId: 'mtg-q4',
    tlp: 'TLP:GREEN',
    authorOrgId: 'org-centre',
    authorSlug: 'centre',
    recipientOrgIds: ['org-centre', 'org-energy', 'org-health'],
    ...overrides,
  };
}

export function proposal(overrides: Partial<ProposalFact> & { id: string }): ProposalFact {
  return {
    title: `Proposal ${overrides.id}`,
    submittedAt: NOW,
    tlp: 'TLP:GREEN',
    authorOrgId: 'org-health',
    authorSlug: 'health',
    recipientOrgIds: [],
    ...overrides,
  };
}

export function standing(overrides: Partial<StandingItemFact> & { id: string }): StandingItemFact {
  return { kind: 'preparedness', title: `Standing ${overrides.id}`, presenter: 'centre', minutes: 10, ...overrides };
}
