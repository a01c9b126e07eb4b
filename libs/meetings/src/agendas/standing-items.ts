// The items of every network meeting (DESIGN §6): each participating sector's overview of its
// critical digital infrastructure, preparedness and exercises, and the threat picture. Pure.
import type { MeetingParticipant } from './agenda.js';
import type { StandingItemFact } from './period-facts.js';

export interface StandingParticipant extends MeetingParticipant {
  kind: 'centre' | 'sector-unit' | 'member';
  sector?: string;
}

/** The overview round goes by sector unit, so members and the centre present none of it. */
const OVERVIEW_MINUTES = 5;
const PREPAREDNESS_MINUTES = 10;
const THREAT_PICTURE_MINUTES = 15;

export function standingItems(participants: readonly StandingParticipant[], chairSlug: string): StandingItemFact[] {
  const units = participants.filter((p) => p.kind === 'sector-unit' && p.sector).sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return [
    // the threat picture frames the rest of the meeting: it ranks above routine items
    { id: 'threat-picture', kind: 'threat-picture', title: 'Threat picture', presenter: chairSlug, minutes: THREAT_PICTURE_MINUTES, priority: 22 },
    ...units.map(
      (u): StandingItemFact => ({
        id: `infrastructure-overview:${u.sector}`,
        kind: 'infrastructure-overview',
        title: `Critical digital infrastructure overview: ${u.sector}`,
        presenter: u.slug,
        minutes: OVERVIEW_MINUTES,
        sector: u.sector,
      }),
    ),
    { id: 'preparedness', kind: 'preparedness', title: 'Preparedness and exercises', presenter: chairSlug, minutes: PREPAREDNESS_MINUTES, priority: 15 },
  ];
}
