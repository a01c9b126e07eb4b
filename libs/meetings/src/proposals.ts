// Who may propose an agenda item, and where a proposal stands on the agenda (issue 17, rough edge 9).
// Pure: the service asks these with the stored meeting and agenda.
import type { Network } from '@isac/tlp';
import type { Agenda } from './agendas/agenda.js';
import type { ProposalFact } from './agendas/period-facts.js';

interface MeetingOrgs {
  coordinatorOrgId: string;
  participantOrgIds: readonly string[];
}

/**
 * DESIGN §6: items are proposed by the meeting's participants. An organisation that may not see the
 * meeting learns nothing of it (answered like a missing meeting, DESIGN §2); the coordinating
 * organisation sees it, so it is told why it may not propose — it adds items itself.
 */
export type ProposerGate = 'participant' | 'coordinator-only' | 'outsider';

export function proposerGate(meeting: MeetingOrgs, orgId: string): ProposerGate {
  if (meeting.participantOrgIds.includes(orgId)) return 'participant';
  return meeting.coordinatorOrgId === orgId ? 'coordinator-only' : 'outsider';
}

/** Where a proposal stands: on the agenda, deferred (did not fit), left out for TLP, or not (yet) taken. */
export type ProposalPlace = 'on-agenda' | 'deferred' | 'left-out' | 'not-on-agenda';

export function proposalPlace(proposalId: string, agenda: Pick<Agenda, 'items' | 'deferred' | 'excluded'> | null): ProposalPlace {
  if (!agenda) return 'not-on-agenda';
  const itemId = `proposal:${proposalId}`;
  if (agenda.items.some((i) => i.id === itemId)) return 'on-agenda';
  if (agenda.deferred.some((i) => i.id === itemId)) return 'deferred';
  if (agenda.excluded.some((i) => i.id === itemId)) return 'left-out';
  return 'not-on-agenda';
}

/** A stored proposal as the facts drafting and accepting work with: the policy judges it like any source. */
export function proposalFact(
  p: { id: string; title: string; minutes: number | null; createdAt: Date; tlp: ProposalFact['tlp']; authorOrgId: string; recipientOrgIds: string[] },
  network: Network,
): ProposalFact {
  return {
    id: p.id,
    title: p.title,
    ...(p.minutes ? { minutes: p.minutes } : {}),
    submittedAt: p.createdAt,
    tlp: p.tlp,
    authorOrgId: p.authorOrgId,
    authorSlug: network.org(p.authorOrgId)?.slug ?? p.authorOrgId,
    recipientOrgIds: p.recipientOrgIds,
  };
}
