// A daily briefing (DESIGN §6): what became readable to one organisation in the last 24 hours —
// alerts, advisories, incident cases — and the NIS2 deadlines coming up on cases it may read.
// Pure: every item passes canRead for the reader, and nothing else decides what it may see. The
// briefing goes out as an advisory of the publishing organisation (the centre), which may read what
// it publishes: so an item also passes canRead for the publisher, or it would reach the publisher
// through the briefing — DESIGN §2: RED is never in the digests of anyone else. Its marking follows
// the composed-document rule: no wider than its narrowest source, so a TLP:AMBER briefing never
// reaches a member of the reader that may not read an item it lists (TLP:AMBER+STRICT then).
import { canRead, composedMarking, describeDenial, type Decision, type Network, type ReadableItem, type TlpLabel } from '@isac/tlp';
import { escapeMarkdown } from '../agendas/export-agenda.js';

export interface BriefingSource extends ReadableItem {
  kind: 'alert' | 'advisory' | 'incident';
  id: string;
  title: string;
  authorSlug: string;
  at: Date;
  severity?: string;
}

export interface BriefingDeadline extends ReadableItem {
  kind: 'incident';
  caseId: string;
  title: string;
  authorSlug: string;
  clock: string;
  due: Date;
}

export interface BriefingInput {
  readerOrgId: string;
  /** The organisation the briefing is published as (its advisory's author); it can read the briefing too. */
  publisherOrgId: string;
  network: Network;
  sources: BriefingSource[];
  deadlines: BriefingDeadline[];
  now: Date;
}

export interface Briefing {
  /**
   * The strictest marking of what the briefing holds, TLP:GREEN when it holds nothing marked higher,
   * and stricter where a reader that marking admits may not read an item (composedMarking).
   */
  tlp: TlpLabel;
  items: { kind: string; id: string; title: string; tlp: TlpLabel | undefined; author: string; at: Date; severity?: string }[];
  deadlines: { caseId: string; title: string; clock: string; due: Date }[];
  /** Reads to write to the audit log once the briefing is delivered. */
  reads: { item: { kind: string; id: string; tlp: string; authorOrgId: string }; decision: Decision }[];
  /** Left out, with the policy's reason (for the logs; never shown to the reader). */
  withheld: string[];
}

function byTimeThenId<T extends { id?: string; caseId?: string }>(at: (x: T) => Date) {
  return (a: T, b: T) => at(a).getTime() - at(b).getTime() || String(a.id ?? a.caseId).localeCompare(String(b.id ?? b.caseId));
}

export function composeBriefing(input: BriefingInput): Briefing {
  const reader = { orgId: input.readerOrgId };
  const publisher = { orgId: input.publisherOrgId };
  const reads: Briefing['reads'] = [];
  const withheld: string[] = [];
  const composedOf: ReadableItem[] = [];
  const items: Briefing['items'] = [];
  for (const source of [...input.sources].sort(byTimeThenId((s) => s.at))) {
    const decision = canRead(source, reader, input.network);
    if (!decision.allowed) {
      withheld.push(`${source.kind} ${source.id}: ${describeDenial(source, input.readerOrgId, source.authorSlug)}`);
      continue;
    }
    const publisherDecision = canRead(source, publisher, input.network);
    if (!publisherDecision.allowed) {
      withheld.push(`${source.kind} ${source.id}: ${describeDenial(source, input.publisherOrgId, source.authorSlug)} (the briefing's publisher)`);
      continue;
    }
    composedOf.push(source);
    reads.push({ item: { kind: source.kind, id: source.id, tlp: source.tlp ?? 'unmarked', authorOrgId: source.authorOrgId }, decision });
    items.push({
      kind: source.kind,
      id: source.id,
      title: source.title,
      tlp: source.tlp,
      author: source.authorSlug,
      at: source.at,
      ...(source.severity ? { severity: source.severity } : {}),
    });
  }
  const deadlines: Briefing['deadlines'] = [];
  for (const deadline of [...input.deadlines].sort((a, b) => a.due.getTime() - b.due.getTime() || a.caseId.localeCompare(b.caseId))) {
    if (!canRead(deadline, reader, input.network).allowed || !canRead(deadline, publisher, input.network).allowed) continue;
    composedOf.push(deadline);
    deadlines.push({ caseId: deadline.caseId, title: deadline.title, clock: deadline.clock, due: deadline.due });
  }
  // both the reader and the publisher may read every item kept, so some marking always fits; RED otherwise
  const marking = composedMarking({ authorOrgId: input.publisherOrgId, recipientOrgIds: [input.readerOrgId] }, composedOf, input.network, {
    floor: 'TLP:GREEN',
  });
  return { tlp: marking.ok ? marking.tlp : 'TLP:RED', items, deadlines, reads, withheld };
}

/** The briefing as the Markdown body of the advisory that delivers it. */
export function briefingMarkdown(briefing: Briefing, readerSlug: string, now: Date): string {
  const lines = [`**${briefing.tlp}**`, '', `# Daily briefing for ${readerSlug}, ${now.toISOString().slice(0, 10)}`, ''];
  if (briefing.items.length === 0 && briefing.deadlines.length === 0) lines.push('Nothing new became readable to you in the last 24 hours.');
  if (briefing.items.length > 0) {
    lines.push('## New in the last 24 hours', '');
    for (const i of briefing.items)
      lines.push(`- ${i.kind} ${i.id}: ${escapeMarkdown(i.title)} (${i.tlp ?? 'unmarked'}, from ${i.author}${i.severity ? `, ${i.severity}` : ''})`);
    lines.push('');
  }
  if (briefing.deadlines.length > 0) {
    lines.push('## NIS2 deadlines in the next 24 hours', '');
    for (const d of briefing.deadlines) lines.push(`- ${d.clock} due ${d.due.toISOString()}: case ${d.caseId} ${escapeMarkdown(d.title)}`);
    lines.push('');
  }
  // constant, so it says nothing about whether anything was left out
  lines.push(
    'Items the centre (which publishes this briefing) may not read, such as TLP:RED addressed to you alone, are not listed: they are in your inbox.',
    '',
  );
  lines.push(`**${briefing.tlp}**`, '');
  return lines.join('\n');
}
