// Where the meetings context asks the TLP policy (DESIGN §2, §6). Nothing here compares labels to
// decide who may read: every such answer comes from canRead, and the agenda's marking from the
// composed-document rule (composedMarking) built on it.
import { canRead, composedMarking, describeDenial, effectiveIncidentTlp, mostRestrictive, type Network, type ReadableItem, type TlpLabel } from '@isac/tlp';
import type { AgendaItem, AgendaSource, Meeting, MeetingParticipant, SourceFact } from './agenda.js';

export type Readability =
  | { readable: true }
  | { readable: false; reasons: string[]; codes: string[]; notReadableBy: string[] };

function readableItem(source: SourceFact): ReadableItem {
  const kind = source.kind === 'incident' || source.kind === 'alert' || source.kind === 'advisory' ? source.kind : undefined;
  return { tlp: source.tlp, authorOrgId: source.authorOrgId, recipientOrgIds: source.recipientOrgIds, kind };
}

/**
 * DESIGN §6: an item whose sources are not readable by every participant is left out. Each
 * unreadable source gives one line naming all participants it is hidden from.
 */
export function checkReadableByAll(sources: readonly SourceFact[], participants: readonly MeetingParticipant[], network: Network): Readability {
  const reasons: string[] = [];
  const codes: string[] = [];
  const notReadableBy: string[] = [];
  for (const source of sources) {
    const item = readableItem(source);
    const denied: string[] = [];
    for (const participant of participants) {
      const decision = canRead(item, { orgId: participant.orgId }, network);
      if (decision.allowed) continue;
      denied.push(participant.slug);
      if (!codes.includes(decision.code)) codes.push(decision.code);
      if (!notReadableBy.includes(participant.slug)) notReadableBy.push(participant.slug);
    }
    if (denied.length > 0) reasons.push(describeDenial(item, denied.join(', '), source.authorSlug));
  }
  return reasons.length === 0 ? { readable: true } : { readable: false, reasons, codes, notReadableBy };
}

/** May one organisation read every source? Used to decide whether the coordinator may see an excluded item's title. */
export function readableByOrg(sources: readonly SourceFact[], orgId: string, network: Network): boolean {
  return sources.every((source) => canRead(readableItem(source), { orgId }, network).allowed);
}

/** The marking an agenda shows for a source: an unmarked incident is TLP:AMBER+STRICT (DESIGN §2). */
export function toAgendaSource(source: SourceFact): AgendaSource {
  const tlp = source.kind === 'incident' ? effectiveIncidentTlp(source.tlp) : source.tlp;
  return { kind: source.kind, id: source.id, title: source.title, tlp, authorOrgId: source.authorOrgId, recipientOrgIds: [...source.recipientOrgIds] };
}

/** An agenda's source as the policy judges it; one stored without its author and recipients is nobody's to read. */
export function agendaSourceItem(source: AgendaSource): ReadableItem {
  const kind = source.kind === 'incident' || source.kind === 'alert' || source.kind === 'advisory' ? source.kind : undefined;
  return { tlp: source.tlp, authorOrgId: source.authorOrgId ?? '', recipientOrgIds: source.recipientOrgIds ?? [], kind };
}

/** Every source the agenda's items name, once each. */
export function agendaSources(items: readonly AgendaItem[]): AgendaSource[] {
  const byKey = new Map<string, AgendaSource>();
  for (const item of items) for (const source of item.sources) byKey.set(`${source.kind}\u0000${source.id}`, source);
  return [...byKey.values()];
}

/**
 * DESIGN §2: the agenda is a composed document — written by the coordinator, addressed to the
 * participants — so it carries a marking under which everyone it reaches may read every source it
 * names (TLP:AMBER+STRICT when a participant's members may not read one). `ok: false` when even
 * TLP:RED would not do: a participant or the coordinator may not read a source.
 */
export function composedAgendaMarking(meeting: Meeting, items: readonly AgendaItem[], network: Network, population?: Iterable<string>) {
  const doc = { authorOrgId: meeting.coordinatorOrgId ?? '', recipientOrgIds: meeting.participants.map((p) => p.orgId) };
  return composedMarking(doc, agendaSources(items).map(agendaSourceItem), network, { floor: agendaTlp(meeting.tlp, items), population });
}

/** The agenda's marking for storing and showing; TLP:RED where no marking keeps it within its sources (publishing then refuses). */
export function composedAgendaTlp(meeting: Meeting, items: readonly AgendaItem[], network: Network): TlpLabel {
  const marking = composedAgendaMarking(meeting, items, network);
  return marking.ok ? marking.tlp : 'TLP:RED';
}

/**
 * FIRST TLP 2.0: a compilation carries the strictest label of what it contains, and the agenda
 * never drops below the meeting's own TLP. An unmarked source is its author's alone, so it counts
 * as TLP:RED here — the strictest label there is.
 */
export function agendaTlp(meetingTlp: TlpLabel, items: readonly AgendaItem[]): TlpLabel {
  const labels: TlpLabel[] = [meetingTlp];
  for (const item of items) {
    for (const source of item.sources) labels.push(source.tlp ?? 'TLP:RED');
  }
  return mostRestrictive(labels) ?? meetingTlp;
}
