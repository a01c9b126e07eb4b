// Turns period facts (already screened by the TLP policy) into candidate agenda items: titles,
// presenters, time boxes, notes and priority scores. Which of them fit is decided in draft-agenda.ts.
import type { AgendaItem, SourceFact } from './agenda.js';
import { toAgendaSource } from './agenda-tlp.js';
import type { CarriedAction } from '../minutes/minutes.js';
import type { AdvisoryFact, AlertFact, IncidentCaseFact, ProposalFact, Severity, StandingItemFact } from './period-facts.js';

// "1 day", "2 days" (a pure core: no import of @isac/problems, whose entry point loads Nest)
const counted = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

const DAY_MS = 24 * 60 * 60 * 1000;

// Priority = severity + cross-sector impact + age (DESIGN §6). Severity dominates: a critical
// incident outranks any number of weeks of age of a low one.
const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 40, high: 30, medium: 20, low: 10 };
const POINTS_PER_OTHER_SECTOR = 5;
const MAX_CROSS_SECTOR_POINTS = 20;
const MAX_AGE_POINTS = 10; // one point per full week
const OVERDUE_REPORT_POINTS = 15; // a missed NIS2 deadline needs the network's attention
const DEFAULT_STANDING_PRIORITY = 20;
const DEFAULT_PROPOSAL_MINUTES = 10;

export interface CandidateContext {
  now: Date;
  /** Slugs of the participants: a presenter must be in the room, else the chair presents. */
  participantSlugs: ReadonlySet<string>;
  chairSlug: string;
}

export function ageWeeks(since: Date, now: Date): number {
  return Math.min(MAX_AGE_POINTS, Math.max(0, Math.floor((now.getTime() - since.getTime()) / (7 * DAY_MS))));
}

function crossSectorPoints(otherSectors: number): number {
  return Math.min(MAX_CROSS_SECTOR_POINTS, Math.max(0, otherSectors) * POINTS_PER_OTHER_SECTOR);
}

function presenterOr(slug: string, ctx: CandidateContext): string {
  return ctx.participantSlugs.has(slug) ? slug : ctx.chairSlug;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function incidentSource(f: IncidentCaseFact): SourceFact {
  return { kind: 'incident', id: f.id, title: f.title, tlp: f.tlp, authorOrgId: f.authorOrgId, authorSlug: f.authorSlug, recipientOrgIds: f.recipientOrgIds };
}
export function alertSource(f: AlertFact): SourceFact {
  return { kind: 'alert', id: f.id, title: f.title, tlp: f.tlp, authorOrgId: f.authorOrgId, authorSlug: f.authorSlug, recipientOrgIds: f.recipientOrgIds };
}
export function advisorySource(f: AdvisoryFact): SourceFact {
  return { kind: 'advisory', id: f.id, title: f.title, tlp: f.tlp, authorOrgId: f.authorOrgId, authorSlug: f.authorSlug, recipientOrgIds: f.recipientOrgIds };
}
export function actionSource(c: CarriedAction): SourceFact {
  const a = c.action;
  return {
    kind: 'action-item',
    id: a.id,
    title: a.title,
    tlp: a.tlp,
    authorOrgId: a.authorOrgId,
    authorSlug: a.authorSlug,
    recipientOrgIds: a.recipientOrgIds,
  };
}
export function proposalSources(f: ProposalFact): SourceFact[] {
  const own: SourceFact = {
    kind: 'proposal',
    id: f.id,
    title: f.title,
    tlp: f.tlp,
    authorOrgId: f.authorOrgId,
    authorSlug: f.authorSlug,
    recipientOrgIds: f.recipientOrgIds,
  };
  return [own, ...(f.sources ?? [])];
}

export function incidentPriority(f: IncidentCaseFact, now: Date): number {
  const others = new Set(f.affectedSectors.filter((s) => s !== f.sector)).size;
  const overdue = f.overdueReports.length > 0 ? OVERDUE_REPORT_POINTS : 0;
  return SEVERITY_WEIGHT[f.severity] + crossSectorPoints(others) + ageWeeks(f.awareAt, now) + overdue;
}

function incidentNote(f: IncidentCaseFact): string {
  const parts = [`${f.title} — NIS2 stage ${f.stage}`];
  if (f.overdueReports.length > 0) parts.push(`overdue: ${f.overdueReports.join(', ')}`);
  const others = [...new Set(f.affectedSectors.filter((s) => s !== f.sector))].sort();
  if (others.length > 0) parts.push(`also affects ${others.join(', ')}`);
  return parts.join('; ');
}

/**
 * One item per sector and severity (DESIGN §6), presented by that sector's unit. Scored by its
 * most pressing incident plus 2 per further incident; 5 minutes plus 3 per further incident, at
 * most 20.
 */
export function incidentItems(incidents: readonly IncidentCaseFact[], ctx: CandidateContext): AgendaItem[] {
  const groups = new Map<string, IncidentCaseFact[]>();
  for (const f of [...incidents].sort(byId)) {
    const key = `${f.sector}\u0000${f.severity}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const items: AgendaItem[] = [];
  for (const group of groups.values()) {
    const { sector, severity } = group[0];
    const ordered = [...group].sort((a, b) => incidentPriority(b, ctx.now) - incidentPriority(a, ctx.now) || byId(a, b));
    const top = incidentPriority(ordered[0], ctx.now);
    items.push({
      id: `incidents:${sector}:${severity}`,
      title: `Incidents in ${sector}: ${severity} severity (${group.length})`,
      kind: 'incidents',
      presenter: presenterOr(sector, ctx),
      minutes: Math.min(20, 5 + 3 * (group.length - 1)),
      sources: ordered.map((f) => toAgendaSource(incidentSource(f))),
      priority: top + 2 * (group.length - 1),
      notes: ordered.map(incidentNote),
    });
  }
  return items.sort(byId);
}

function ackRate(acks: readonly { delivered: number; acknowledged: number }[]): number {
  const delivered = acks.reduce((n, a) => n + a.delivered, 0);
  return delivered === 0 ? 1 : acks.reduce((n, a) => n + a.acknowledged, 0) / delivered;
}

function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/**
 * One item for the alerts of the period and their acknowledgement, presented by the chair (alerts
 * come from the centre). A poor acknowledgement rate raises it: up to 20 points at 0%.
 */
export function alertsItem(alerts: readonly AlertFact[], ctx: CandidateContext): AgendaItem | undefined {
  if (alerts.length === 0) return undefined;
  const ordered = [...alerts].sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime() || byId(a, b));
  const notes = ordered.map((alert) => {
    if (alert.targeted) return `${alert.title} (${alert.severity}) — sent where registers matched: its acknowledgement is in its author's receipts`;
    const bySector = [...alert.acknowledgements].sort((a, b) => (a.sector < b.sector ? -1 : a.sector > b.sector ? 1 : 0));
    const rates = bySector.map((s) => `${s.sector} ${s.acknowledged}/${s.delivered}`).join(', ');
    return `${alert.title} (${alert.severity}) — acknowledged ${percent(ackRate(alert.acknowledgements))}${rates ? `: ${rates}` : ''}`;
  });
  const severity = Math.max(...ordered.map((a) => SEVERITY_WEIGHT[a.severity]));
  const overall = ackRate(ordered.flatMap((a) => a.acknowledgements));
  return {
    id: 'alerts',
    title: `Alerts issued and their acknowledgement (${ordered.length})`,
    kind: 'alerts',
    presenter: ctx.chairSlug,
    minutes: Math.min(15, 5 + 2 * (ordered.length - 1)),
    sources: ordered.map((a) => toAgendaSource(alertSource(a))),
    priority: severity + Math.round((1 - overall) * 20) + ageWeeks(ordered[0].issuedAt, ctx.now),
    notes,
  };
}

/** Advisories that reached more than one sector, one item each, presented by their author. */
export function advisoryItem(f: AdvisoryFact, ctx: CandidateContext): AgendaItem {
  return {
    id: `advisory:${f.id}`,
    title: `Advisory: ${f.title}`,
    kind: 'advisory',
    presenter: presenterOr(f.authorSlug, ctx),
    minutes: 10,
    sources: [toAgendaSource(advisorySource(f))],
    priority: SEVERITY_WEIGHT[f.severity ?? 'medium'] + crossSectorPoints(f.reachSectors - 1) + ageWeeks(f.publishedAt, ctx.now),
    notes: [`Reached ${counted(f.reachSectors, 'sector')} and ${counted(f.reachOrganisations, 'organisation')}`],
  };
}

/** Carried-over actions as one review item; overdue ones first and flagged (DESIGN §6). */
export function actionItemsItem(carried: readonly CarriedAction[], ctx: CandidateContext): AgendaItem | undefined {
  if (carried.length === 0) return undefined;
  const overdue = carried.filter((c) => c.overdue).length;
  const oldest = Math.min(...carried.map((c) => c.action.due.getTime()));
  return {
    id: 'action-items',
    title: `Open action items from earlier meetings (${carried.length}${overdue > 0 ? `, ${overdue} overdue` : ''})`,
    kind: 'action-items',
    presenter: ctx.chairSlug,
    minutes: Math.min(15, 5 + carried.length),
    sources: carried.map((c) => toAgendaSource(actionSource(c))),
    priority: 25 + Math.min(20, 5 * overdue) + ageWeeks(new Date(oldest), ctx.now),
    notes: carried.map(
      (c) => `${c.action.title} — owner ${c.action.ownerSlug}, due ${isoDay(c.action.due)}${c.overdue ? ` (OVERDUE by ${counted(c.daysOverdue, 'day')})` : ''}`,
    ),
  };
}

export function proposalItem(f: ProposalFact, ctx: CandidateContext): AgendaItem {
  return {
    id: `proposal:${f.id}`,
    title: f.title,
    kind: 'proposal',
    presenter: f.authorSlug,
    minutes: f.minutes ?? DEFAULT_PROPOSAL_MINUTES,
    sources: proposalSources(f).map(toAgendaSource),
    priority: DEFAULT_STANDING_PRIORITY + ageWeeks(f.submittedAt, ctx.now),
    notes: [],
  };
}

export function standingItem(f: StandingItemFact): AgendaItem {
  return {
    id: `standing:${f.id}`,
    title: f.title,
    kind: f.kind,
    presenter: f.presenter,
    minutes: f.minutes,
    sources: (f.sources ?? []).map(toAgendaSource),
    priority: f.priority ?? DEFAULT_STANDING_PRIORITY,
    notes: [],
  };
}
