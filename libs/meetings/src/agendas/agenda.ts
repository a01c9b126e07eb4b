// The shapes shared by drafting, editing and exporting an agenda (DESIGN §6). Plain data: the
// service maps entities onto them, the pure functions never see a repository.
import type { TlpLabel } from '@isac/tlp';

export interface MeetingParticipant {
  orgId: string;
  slug: string;
  /** Display name for exports; the slug is used when absent. */
  name?: string;
  /** Where calendar clients send replies; without one, ATTENDEE falls back to a urn naming the organisation. */
  email?: string;
}

/** A break of `breakMinutes` whenever a block of items would run past `everyMinutes`. */
export interface BreakPolicy {
  everyMinutes: number;
  breakMinutes: number;
}

export interface Meeting {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  /** DESIGN §6: default TLP:AMBER, set by the service when the coordinator gives none. */
  tlp: TlpLabel;
  participants: MeetingParticipant[];
  /** No breaks when absent. */
  breaks?: BreakPolicy;
  location?: string;
  onlineUrl?: string;
  /**
   * The coordinating organisation: the invitation's ORGANIZER, by mail address when it has one,
   * else by a urn naming the organisation (RFC 5545 §3.3.3: CAL-ADDRESS is any URI).
   */
  organizer?: { name: string; email?: string; slug?: string };
  /** The coordinating organisation: it writes the agenda, so it is the composed document's author. */
  coordinatorOrgId?: string;
}

export type SourceKind = 'incident' | 'alert' | 'advisory' | 'action-item' | 'proposal' | 'register-change' | 'note';

/**
 * Everything the TLP policy needs to judge one source, plus what an agenda shows of it. The
 * marking fields are exactly @isac/tlp's ReadableItem, so the policy — not this library — decides.
 */
export interface SourceFact {
  kind: SourceKind;
  id: string;
  title: string;
  /** undefined = unmarked; an unmarked incident is read as TLP:AMBER+STRICT by the policy. */
  tlp: TlpLabel | undefined;
  authorOrgId: string;
  authorSlug: string;
  recipientOrgIds: readonly string[];
}

/**
 * What an agenda keeps of a source: enough to link to it, to show its marking, and for the policy to
 * judge each reader of the agenda against it (DESIGN §2: a composed document reaches no further than
 * its sources). An agenda stored before the author and recipients were kept has neither: nobody but
 * the coordinator may then read it until it is drafted again.
 */
export interface AgendaSource {
  kind: SourceKind;
  id: string;
  title: string;
  tlp: TlpLabel | undefined;
  authorOrgId: string;
  recipientOrgIds: readonly string[];
}

export type AgendaItemKind =
  | 'action-items'
  | 'incidents'
  | 'alerts'
  | 'advisory'
  | 'proposal'
  | 'infrastructure-overview'
  | 'preparedness'
  | 'threat-picture'
  | 'other';

export interface AgendaItem {
  id: string;
  title: string;
  kind: AgendaItemKind;
  /** Slug of the presenting organisation. */
  presenter: string;
  minutes: number;
  sources: AgendaSource[];
  /** Higher first; 0 for items added by hand. */
  priority: number;
  /** Detail lines shown under the item (stages, acknowledgement rates, overdue actions). */
  notes: string[];
}

export type ScheduleSlot =
  | { type: 'item'; itemId: string; startsAt: Date; endsAt: Date }
  | { type: 'break'; startsAt: Date; endsAt: Date };

/**
 * An item left out because a participant may not read one of its sources, listed only when the
 * coordinator's organisation may read every source of it (DESIGN §2: exclusion reasons only for who
 * may read the excluded item); the others are only counted, in `excludedUnlisted`.
 */
export interface ExcludedItem {
  kind: AgendaItemKind;
  /**
   * The id the item would have had (`advisory:…`, `proposal:…`, `standing:…`); for an incident,
   * alert or action item, which would have joined a grouped item, the source's own id.
   */
  id: string;
  title: string;
  /** One describeDenial line per unreadable source, e.g. "TLP:RED from energy, not readable by health". */
  reason: string;
  /** Stable codes from the TLP decisions, e.g. ["TLP.NOT_RECIPIENT"]. */
  codes: string[];
  notReadableBy: string[];
}

export interface Agenda {
  meetingId: string;
  /**
   * At least the meeting's TLP and the strictest marking among the items' sources (FIRST TLP 2.0), and
   * stricter still where needed so that nobody the marking admits (a participant's members under
   * TLP:AMBER) reads a source it may not: composedMarking of @isac/tlp.
   */
  tlp: TlpLabel;
  items: AgendaItem[];
  /** Items and breaks in order, with times from the meeting's start. */
  schedule: ScheduleSlot[];
  excluded: ExcludedItem[];
  /** Items left out that the coordinator's organisation may not read either: counted, never described. */
  excludedUnlisted: number;
  /** Did not fit, highest priority first. */
  deferred: AgendaItem[];
  /** Minutes of items and breaks. */
  totalMinutes: number;
  availableMinutes: number;
  /** > 0 when edits pushed the agenda past the meeting's end; never cut silently. */
  overTimeMinutes: number;
  draftedAt: Date;
  /** The published version this is (1 for the publication, N+1 for each correction); absent while a draft. */
  version?: number;
  /** The period the draft gathered facts from (from: the previous meeting's start, null for the series' first). */
  period?: { from: string | null; to: string };
  /**
   * The participants (organisation ids, sorted) every item was checked against. Edits refuse to
   * work on an agenda whose meeting has other participants since: it must be drafted again, or a
   * newcomer could receive items the policy never cleared for it.
   */
  screenedFor: string[];
}
