// How incident cases are shown on a terminal: the case, its deadlines counting down, its timeline. Pure.
import type { CaseView, DeadlineView, LinkView, MessageView, TimelineEntryView as TimelineEntry } from '@isac/incidents';
import { countdown, list, shortTime, table, tlpLabel } from './output.js';

// the hub's own view types: the CLI reads exactly what the API answers (type-only, nothing loaded at run time)
export type { CaseView, DeadlineView, LinkView, MessageView, TimelineEntryView as TimelineEntry } from '@isac/incidents';

export interface FiledCase extends CaseView {
  report?: { stage?: string; stored?: number; missing?: { item: string; pointer: string; detail: string }[] } & Record<string, unknown>;
}

function deadlineState(d: DeadlineView, now: Date): string {
  if (d.submittedAt) return d.late ? `met late ${shortTime(d.submittedAt)}` : `met ${shortTime(d.submittedAt)}`;
  return countdown(d.due, now) + (d.dueSoon && !d.overdue ? ' (due soon)' : '');
}

export const nextDeadlineText = (c: CaseView, now: Date) => (c.nextDeadline ? `${c.nextDeadline.clock} ${countdown(c.nextDeadline.due, now)}` : '-');

export function caseTable(cases: CaseView[], colour: boolean, now: Date): string[] {
  return table(
    ['case', 'tlp', 'stage', 'severity', 'reporter', 'opened', 'next deadline', 'name'],
    cases.map((c) => [c.id, tlpLabel(c.tlp, colour), c.stage, c.severity ?? '-', c.reporter, shortTime(c.openedAt), nextDeadlineText(c, now), c.name]),
  );
}

/** A case's conversation: each message with its TLP, author and kind, then its Markdown text indented. */
export function messageLines(messages: MessageView[], colour: boolean): string[] {
  if (messages.length === 0) return ['  (no messages)'];
  return messages.flatMap((m) => [`  ${shortTime(m.at)}  ${tlpLabel(m.tlp, colour)}  ${m.from}  ${m.kind}`, ...m.body.split('\n').map((l) => `      ${l}`)]);
}

export function linkLines(links: LinkView[], colour: boolean): string[] {
  return links.map(
    (l) =>
      `  ${l.case.id}  ${tlpLabel(l.case.tlp, colour)}  ${l.case.reporter}  ${l.case.state}  ${l.case.name}  (${l.reasons.map((r) => r.basis).join(', ')})`,
  );
}

export function caseDetail(c: CaseView & { timeline?: TimelineEntry[]; messages?: MessageView[]; links?: LinkView[] }, colour: boolean, now: Date): string[] {
  const lines = [
    `${tlpLabel(c.tlp, colour)}  case ${c.id}`,
    `name       ${c.name}`,
    `incident   ${c.incidentId} (version ${c.incidentVersion})`,
    `reporter   ${c.reporter}   regime ${c.regime.toUpperCase()}   stage ${c.stage}   severity ${c.severity ?? '-'}`,
    `sectors    ${list(c.affectedSectors)}`,
    `aware      ${shortTime(c.awareAt)}   opened ${shortTime(c.openedAt)}   updated ${shortTime(c.updatedAt)}`,
    `overdue    ${c.overdue ? 'yes' : 'no'}`,
    ...(c.state === 'closed' ? [`closed     ${shortTime(c.closedAt)}${c.closeReason ? `: ${c.closeReason}` : ''}`] : []),
    '',
    'deadlines',
    ...table(['clock', 'owner', 'due', 'state'], c.deadlines.map((d) => [d.clock, d.owner, shortTime(d.due), deadlineState(d, now)])).map((l) => `  ${l}`),
  ];
  if (c.timeline) {
    lines.push('', 'timeline');
    for (const t of c.timeline) {
      const objects = t.objects !== undefined ? `, ${t.objects} objects` : '';
      lines.push(`  ${shortTime(t.at)}  ${t.kind} ${t.stage}${objects}`);
      for (const m of t.missing ?? []) lines.push(`      missing ${m.item} (${m.pointer}): ${m.detail}`);
      if (t.feedbackKind) lines.push(`      ${t.feedbackKind}:`);
      for (const l of t.body?.split('\n') ?? []) lines.push(`      ${l}`);
    }
  }
  if (c.links?.length) lines.push('', 'linked cases', ...linkLines(c.links, colour));
  if (c.messages) lines.push('', 'messages', ...messageLines(c.messages, colour));
  return lines;
}

/** What `incident file` prints after the hub took the bundle. */
export function filedLines(c: FiledCase, created: boolean, colour: boolean, now: Date): string[] {
  const lines = [
    `case ${c.id} ${created ? 'opened' : c.report?.stored === 0 ? 'unchanged (this version was filed already)' : 'updated'}: ${c.name}`,
    `  ${tlpLabel(c.tlp, colour)}  stage ${c.stage}  severity ${c.severity ?? '-'}  next deadline ${nextDeadlineText(c, now)}`,
  ];
  for (const m of c.report?.missing ?? []) lines.push(`  missing for this stage: ${m.item} (${m.pointer}): ${m.detail}`);
  return lines;
}
