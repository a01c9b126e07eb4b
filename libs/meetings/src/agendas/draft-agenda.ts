// Drafts a meeting's agenda from what happened since the previous meeting (DESIGN §6), pure and
// deterministic: the same input gives the same agenda, whatever the order the facts came in.
//
//   1. screen every fact with the TLP policy against every participant and the coordinator (left-out ones reported);
//   2. build candidate items: incidents grouped by sector and severity, alerts with their
//      acknowledgement, cross-sector advisories, carried-over actions, proposals, standing items;
//   3. take candidates by priority while the agenda, with its breaks, still fits the meeting;
//      the rest is deferred, highest priority first;
//   4. order the chosen items by section, close with a short "any other business" item, and mark
//      the agenda with the strictest label it contains, stricter still if a reader it would admit
//      may not read a source (the composed-document rule of @isac/tlp). Time left over stays unallocated: the
//      schedule ends early and the exports show the spare time, rather than hiding it in an item.
import type { Network } from '@isac/tlp';
import type { Agenda, AgendaItem, AgendaItemKind, ExcludedItem, Meeting, MeetingParticipant, SourceFact } from './agenda.js';
import {
  actionItemsItem,
  actionSource,
  advisoryItem,
  advisorySource,
  alertSource,
  alertsItem,
  incidentItems,
  incidentSource,
  proposalItem,
  proposalSources,
  standingItem,
  type CandidateContext,
} from './agenda-candidates.js';
import { checkReadableByAll, composedAgendaTlp, readableByOrg } from './agenda-tlp.js';
import { carryOverActions } from '../minutes/minutes.js';
import { registerChangeSource, withRegisterChanges } from './register-changes.js';
import type { PeriodFacts } from './period-facts.js';
import { scheduleAgenda } from './schedule-agenda.js';

export interface DraftAgendaInput {
  meeting: Meeting;
  facts: PeriodFacts;
  network: Network;
  now: Date;
  /** Presents what no participating owner presents (alerts, the action review); 'centre' unless given. */
  chairSlug?: string;
  /** The coordinator's organisation: an excluded item is described only if it may read every source of it. */
  coordinatorOrgId?: string;
  /** How many cross-sector advisories to propose; 3 unless given. */
  maxAdvisories?: number;
  /** End with a closing "any other business" item of up to CLOSING_MINUTES, if time is left; true unless false. */
  closingItem?: boolean;
}

export type AgendaDraft = Agenda;

/** The running order of a network meeting: follow-up first, then the period's events, then the standing rounds. */
export const SECTION_ORDER: readonly AgendaItemKind[] = [
  'action-items',
  'incidents',
  'alerts',
  'advisory',
  'threat-picture',
  'infrastructure-overview',
  'preparedness',
  'proposal',
  'other',
];

const DEFAULT_MAX_ADVISORIES = 3;
/**
 * The closing item's time box. A coordinator plans a short "any other business" slot, not one that
 * swallows every spare minute: a 3-hour meeting with 40 minutes of business should be seen to end
 * early (or leave room to add items), not show a closing slot of two hours.
 */
export const CLOSING_MINUTES = 10;

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byPriority(a: AgendaItem, b: AgendaItem): number {
  return b.priority - a.priority || compareIds(a.id, b.id);
}

function inAgendaOrder(items: readonly AgendaItem[]): AgendaItem[] {
  return [...items].sort((a, b) => SECTION_ORDER.indexOf(a.kind) - SECTION_ORDER.indexOf(b.kind) || byPriority(a, b));
}

function sortedById<T extends { id: string }>(facts: readonly T[]): T[] {
  return [...facts].sort((a, b) => compareIds(a.id, b.id));
}

/**
 * Who every item is screened for: the participants, and the coordinating organisation when it is not
 * one of them — it drafts, reads and publishes the agenda (as its own advisory), so an item it may not
 * read would reach it through the agenda (DESIGN §2: agendas go through the policy like every path).
 */
function agendaReaders(input: DraftAgendaInput): MeetingParticipant[] {
  const { meeting, coordinatorOrgId, network } = input;
  if (coordinatorOrgId === undefined || meeting.participants.some((p) => p.orgId === coordinatorOrgId)) return meeting.participants;
  return [...meeting.participants, { orgId: coordinatorOrgId, slug: network.org(coordinatorOrgId)?.slug ?? coordinatorOrgId }];
}

class Screen {
  readonly excluded: ExcludedItem[] = [];
  /** Left out and not readable by the coordinator's organisation either: counted only. */
  unlisted = 0;
  private readonly readers: MeetingParticipant[];

  constructor(private readonly input: DraftAgendaInput) {
    this.readers = agendaReaders(input);
  }

  /** Keeps the facts every participant may read; reports the others with the policy's reasons. */
  keep<T>(facts: readonly T[], kind: AgendaItemKind, describe: (fact: T) => { id: string; title: string; sources: SourceFact[]; kind?: AgendaItemKind }): T[] {
    const kept: T[] = [];
    for (const fact of facts) {
      const { id, title, sources, kind: itemKind = kind } = describe(fact);
      const readability = checkReadableByAll(sources, this.readers, this.input.network);
      if (readability.readable) {
        kept.push(fact);
        continue;
      }
      const { coordinatorOrgId, network } = this.input;
      // DESIGN §2: exclusion reasons only for who may read the excluded item. The list goes to the
      // coordinator's organisation; an item it may not read is counted, with no id, marking or author.
      if (coordinatorOrgId === undefined || !readableByOrg(sources, coordinatorOrgId, network)) {
        this.unlisted++;
        continue;
      }
      this.excluded.push({
        kind: itemKind,
        id,
        title,
        reason: readability.reasons.join('; '),
        codes: readability.codes,
        notReadableBy: readability.notReadableBy,
      });
    }
    return kept;
  }
}

function candidates(input: DraftAgendaInput, screen: Screen, ctx: CandidateContext): AgendaItem[] {
  const { facts } = input;
  const items: AgendaItem[] = [];

  const incidents = screen.keep(sortedById(facts.incidents), 'incidents', (f) => ({ id: f.id, title: f.title, sources: [incidentSource(f)] }));
  items.push(...incidentItems(incidents, ctx));

  const alerts = screen.keep(sortedById(facts.alerts), 'alerts', (f) => ({ id: f.id, title: f.title, sources: [alertSource(f)] }));
  const alertsAgendaItem = alertsItem(alerts, ctx);
  if (alertsAgendaItem) items.push(alertsAgendaItem);

  // "Most cross-sector reach": only advisories that went beyond one sector, widest first.
  const crossSector = sortedById(facts.advisories)
    .filter((f) => f.reachSectors > 1)
    .sort((a, b) => b.reachSectors - a.reachSectors || b.reachOrganisations - a.reachOrganisations || compareIds(a.id, b.id));
  const advisories = screen.keep(crossSector, 'advisory', (f) => ({ id: `advisory:${f.id}`, title: f.title, sources: [advisorySource(f)] }));
  items.push(...advisories.slice(0, input.maxAdvisories ?? DEFAULT_MAX_ADVISORIES).map((f) => advisoryItem(f, ctx)));

  const carried = screen.keep(carryOverActions(facts.actionItems, input.now), 'action-items', (c) => ({
    id: c.action.id,
    title: c.action.title,
    sources: [actionSource(c)],
  }));
  const actions = actionItemsItem(carried, ctx);
  if (actions) items.push(actions);

  const proposals = screen.keep(sortedById(facts.proposals), 'proposal', (f) => ({ id: `proposal:${f.id}`, title: f.title, sources: proposalSources(f) }));
  items.push(...proposals.map((f) => proposalItem(f, ctx)));

  // each change to a register is screened on its own: one a reader may not read leaves the overview item standing
  const registerChanges = screen.keep(sortedById(facts.registerChanges ?? []), 'infrastructure-overview', (f) => ({
    id: `register-change:${f.id}`,
    title: `Register of ${f.authorSlug} (${f.sector}): ${f.change} ${f.name}`,
    sources: [registerChangeSource(f)],
  }));
  const standing = screen.keep(sortedById(facts.standing), 'other', (f) => ({
    id: `standing:${f.id}`,
    title: f.title,
    sources: f.sources ?? [],
    kind: f.kind,
  }));
  items.push(...standing.map((f) => withRegisterChanges(standingItem(f), f, registerChanges)));
  return items;
}

/** Greedy by priority: each candidate is tried in the running order, breaks included, and kept if all still fits. */
function fit(candidateItems: readonly AgendaItem[], meeting: Meeting): { items: AgendaItem[]; deferred: AgendaItem[] } {
  const chosen: AgendaItem[] = [];
  const deferred: AgendaItem[] = [];
  for (const candidate of [...candidateItems].sort(byPriority)) {
    if (scheduleAgenda(inAgendaOrder([...chosen, candidate]), meeting).overTimeMinutes === 0) chosen.push(candidate);
    else deferred.push(candidate);
  }
  return { items: inAgendaOrder(chosen), deferred };
}

/**
 * Ends the agenda with a closing item of CLOSING_MINUTES, or of what time is left when that is less.
 * A closing item that would push its block past the break rule would need a break before it, so the
 * longest one up to CLOSING_MINUTES that still fits is taken; no closing item when none does.
 */
function withClosingItem(items: AgendaItem[], meeting: Meeting, chairSlug: string): AgendaItem[] {
  const timing = scheduleAgenda(items, meeting);
  const closing = (minutes: number): AgendaItem => ({
    id: 'closing',
    title: 'Any other business and close',
    kind: 'other',
    presenter: chairSlug,
    minutes,
    sources: [],
    priority: 0,
    notes: [],
  });
  for (let minutes = Math.min(CLOSING_MINUTES, timing.availableMinutes - timing.totalMinutes); minutes > 0; minutes--) {
    const withClosing = [...items, closing(minutes)];
    if (scheduleAgenda(withClosing, meeting).overTimeMinutes === 0) return withClosing;
  }
  return items;
}

export function participantOrgIds(meeting: Pick<Meeting, 'participants'>): string[] {
  return [...new Set(meeting.participants.map((p) => p.orgId))].sort(compareIds);
}

export function draftAgenda(input: DraftAgendaInput): AgendaDraft {
  const meeting = { ...input.meeting, coordinatorOrgId: input.coordinatorOrgId ?? input.meeting.coordinatorOrgId };
  const { now } = input;
  const chairSlug = input.chairSlug ?? 'centre';
  const ctx: CandidateContext = { now, chairSlug, participantSlugs: new Set(meeting.participants.map((p) => p.slug)) };
  const screen = new Screen(input);
  const { items: fitted, deferred } = fit(candidates(input, screen, ctx), meeting);
  const items = input.closingItem === false ? fitted : withClosingItem(fitted, meeting, chairSlug);
  const timing = scheduleAgenda(items, meeting);
  return {
    meetingId: meeting.id,
    tlp: composedAgendaTlp(meeting, items, input.network),
    items,
    schedule: timing.schedule,
    excluded: screen.excluded,
    excludedUnlisted: screen.unlisted,
    deferred,
    totalMinutes: timing.totalMinutes,
    availableMinutes: timing.availableMinutes,
    overTimeMinutes: timing.overTimeMinutes,
    draftedAt: now,
    screenedFor: participantOrgIds(meeting),
  };
}
