// Maps stored meetings onto the pure core's shapes, and the one access gate of the context: who may
// see or manage a meeting, and whether a reader may read its agenda — the latter asked of the TLP
// policy's composed-document rule, the agenda being an item authored by the coordinator for the
// participants that names its sources.
import type { Principal } from '@isac/auth';
import type { NetworkSnapshot } from '@isac/organisations';
import { DomainError } from '@isac/problems';
import { canReadComposed, type Decision, type ReadableItem } from '@isac/tlp';
import type { Agenda, Meeting } from './agendas/agenda.js';
import { agendaSourceItem, agendaSources } from './agendas/agenda-tlp.js';
import type { MeetingEntity } from './meeting.entity.js';
import { MEETING_ERRORS } from './errors.js';

/** DESIGN §6 leaves breaks to the coordinator; a quarter hour every ninety minutes unless given. */
export const DEFAULT_BREAKS = { everyMinutes: 90, breakMinutes: 15 };

export function toMeeting(m: MeetingEntity, network: NetworkSnapshot): Meeting {
  const coordinator = network.byId(m.coordinatorOrgId);
  return {
    id: m.id,
    title: m.title,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    tlp: m.tlp,
    participants: m.participantOrgIds.map((orgId) => {
      const org = network.byId(orgId);
      return { orgId, slug: org?.slug ?? orgId, name: org?.name };
    }),
    breaks: m.breaks ?? DEFAULT_BREAKS,
    ...(m.location ? { location: m.location } : {}),
    ...(m.onlineUrl ? { onlineUrl: m.onlineUrl } : {}),
    // RFC 5545 §3.8.4.3: a group-scheduled event (one with ATTENDEEs) MUST name its ORGANIZER
    organizer: {
      name: coordinator?.name ?? coordinator?.slug ?? 'isac-hub',
      slug: coordinator?.slug ?? m.coordinatorOrgId,
      ...(m.organizerEmail ? { email: m.organizerEmail } : {}),
    },
    coordinatorOrgId: m.coordinatorOrgId,
  };
}

const notFound = (id: string) => new DomainError(MEETING_ERRORS.notFound, `No meeting ${id}.`);

/** Managing a meeting is for its coordinating organisation; others get the same 404 as for a missing one. */
export function requireCoordinator(m: MeetingEntity | null, principal: Principal, id: string): MeetingEntity {
  if (!m || m.coordinatorOrgId !== principal.organisation.id) throw notFound(id);
  return m;
}

export function isCoordinator(m: MeetingEntity, principal: Principal): boolean {
  return m.coordinatorOrgId === principal.organisation.id && principal.roles.includes('coordinator');
}

/** The coordinator's organisation and the participants see the meeting itself (time, place, state). */
export function requireVisible(m: MeetingEntity | null, principal: Principal, id: string): MeetingEntity {
  if (!m) throw notFound(id);
  const orgId = principal.organisation.id;
  if (m.coordinatorOrgId !== orgId && !m.participantOrgIds.includes(orgId)) throw notFound(id);
  return m;
}

/** The agenda as one marked item: written by the coordinator, addressed to the participants. */
export function agendaItem(m: MeetingEntity, agenda: Agenda): ReadableItem {
  return { tlp: agenda.tlp, authorOrgId: m.coordinatorOrgId, recipientOrgIds: m.participantOrgIds };
}

/** What a read of the agenda writes to the audit log: the agenda, and each source it names as a read of that source. */
export type AgendaReads = { item: { kind: string; id: string; tlp: string; authorOrgId: string }; decision: Decision }[];

/**
 * DESIGN §2: a reader may read the agenda (its exports, the minutes written against it) only if it
 * may read the agenda itself and every source it names.
 */
export function agendaRead(m: MeetingEntity, agenda: Agenda, principal: Principal, network: NetworkSnapshot): { decision: Decision; reads: AgendaReads } {
  const item = agendaItem(m, agenda);
  const sources = agendaSources(agenda.items);
  const { decision, reads } = canReadComposed(
    item,
    sources.map((source) => ({ ...agendaSourceItem(source), source })),
    { orgId: principal.organisation.id },
    network,
  );
  if (!decision.allowed) return { decision, reads: [] };
  return {
    decision,
    reads: [
      { item: { kind: 'agenda', id: m.id, tlp: agenda.tlp, authorOrgId: m.coordinatorOrgId }, decision },
      ...reads.map(({ source: { source }, decision: d }) => ({
        item: { kind: source.kind, id: source.id, tlp: source.tlp ?? 'unmarked', authorOrgId: source.authorOrgId },
        decision: d,
      })),
    ],
  };
}

export function meetingView(m: MeetingEntity, network: NetworkSnapshot) {
  const slug = (id: string) => network.byId(id)?.slug ?? id;
  return {
    id: m.id,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    location: m.location,
    onlineUrl: m.onlineUrl,
    participants: m.participantOrgIds.map(slug),
    tlp: m.tlp,
    series: m.series,
    state: m.state,
    coordinator: slug(m.coordinatorOrgId),
    organizerEmail: m.organizerEmail,
    breaks: m.breaks ?? DEFAULT_BREAKS,
    agendaAdvisoryId: m.agendaAdvisoryId,
    publishedAt: m.publishedAt?.toISOString() ?? null,
    agendaVersion: m.agendaVersion,
    hasAgenda: m.agenda !== null,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}
