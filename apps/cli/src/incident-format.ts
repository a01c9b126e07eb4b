// How incident cases are shown on a terminal: the case, its deadlines counting down, its timeline. Pure.
import type { CaseView, DeadlineView, LinkView, MessageView, TimelineEntryView as TimelineEntry } from '@isac/incidents';
import { countdown, counted, list, shortTime, table, tlpLabel } from './output.js';

// the hub's own view types: the CLI reads exactly what the API answers (type-only, nothing loaded at run time)
export type { CaseView, DeadlineView, LinkView, MessageView, TimelineEntryView as TimelineEntry } from '@isac/incidents';

export interface FiledCase extends CaseView {
  report?: { stage?: string; stored?: number; missing?: { item: string; pointer: string; detail: string }[] } & Record<string, unknown>;
}

function deadlineState(d: DeadlineView, now: Date): string {
  if (d.submittedAt) return d.late ? `met late ${shortTime(d.submittedAt)}` : `met ${shortTime(d.submittedAt)}`;
  return countdown(d.due, now) + (d.dueSoon && !d.overdue ? ' (due soon)' : '');
}

/** Who is asking (GET /api/v1/me): whose deadlines on a case are its own. */
export interface Caller {
  organisation: { slug: string; kind: string };
}

// the reporting stages and clocks by the names the console and NIS2 Art. 23(4) use; an unknown clock keeps its slug
const CLOCK_NAMES: Record<string, string> = {
  opened: 'Opened',
  'early-warning': 'Early warning',
  notification: 'Incident notification',
  intermediate: 'Intermediate report',
  progress: 'Progress report',
  final: 'Final report',
  'centre-feedback': 'Centre feedback',
};
export const clockName = (clock: string) => CLOCK_NAMES[clock] ?? clock;

/**
 * The earliest open deadline the caller's organisation owes on the case: the reporter's reports when it
 * filed the case, the centre's feedback when it is the centre; null for a reader who owes none.
 * The console's rule (libs/console/public/js/stages.js ownNextDeadline).
 */
export function ownNextDeadline(c: CaseView, me: Caller): DeadlineView | null {
  const owner = c.reporter === me.organisation.slug ? 'reporter' : me.organisation.kind === 'centre' ? 'centre' : null;
  if (!owner) return null;
  return c.deadlines.filter((d) => d.owner === owner && !d.submittedAt).sort((a, b) => a.due.localeCompare(b.due))[0] ?? null;
}

/** The caller's own next deadline first, by its name, then the case's earliest one when that is the other side's. */
export function nextDeadlineText(c: CaseView, me: Caller, now: Date): string {
  const own = ownNextDeadline(c, me);
  const other = c.nextDeadline && (!own || c.nextDeadline.clock !== own.clock) ? c.nextDeadline : null;
  const text = (d: DeadlineView) => `${clockName(d.clock)} ${countdown(d.due, now)}`;
  if (own && other) return `${text(own)} · then ${text(other)}`;
  return own || other ? text((own ?? other)!) : '-';
}

export function caseTable(cases: CaseView[], me: Caller, colour: boolean, now: Date): string[] {
  return table(
    ['case', 'tlp', 'stage', 'severity', 'reporter', 'opened', 'next deadline', 'name'],
    cases.map((c) => [c.id, tlpLabel(c.tlp, colour), c.stage, c.severity ?? '-', c.reporter, shortTime(c.openedAt), nextDeadlineText(c, me, now), c.name]),
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

export function caseDetail(
  c: CaseView & { timeline?: TimelineEntry[]; messages?: MessageView[]; links?: LinkView[] },
  me: Caller,
  colour: boolean,
  now: Date,
): string[] {
  const lines = [
    `${tlpLabel(c.tlp, colour)}  case ${c.id}`,
    `name       ${c.name}`,
    `incident   ${c.incidentId} (version ${c.incidentVersion})`,
    `reporter   ${c.reporter}   regime ${c.regime.toUpperCase()}   stage ${c.stage}   severity ${c.severity ?? '-'}`,
    `sectors    ${list(c.affectedSectors)}`,
    `aware      ${shortTime(c.awareAt)}   opened ${shortTime(c.openedAt)}   updated ${shortTime(c.updatedAt)}`,
    `overdue    ${c.overdue ? 'yes' : 'no'}`,
    ...(c.state === 'closed' ? [] : [`next       ${nextDeadlineText(c, me, now)}`]),
    ...(c.state === 'closed' ? [`closed     ${shortTime(c.closedAt)}${c.closeReason ? `: ${c.closeReason}` : ''}`] : []),
    '',
    'deadlines',
    ...table(
      ['clock', 'owner', 'due', 'state'],
      c.deadlines.map((d) => [clockName(d.clock), d.owner, shortTime(d.due), deadlineState(d, now)]),
    ).map((l) => `  ${l}`),
  ];
  if (c.timeline) {
    lines.push('', 'timeline');
    for (const t of c.timeline) {
      const objects = t.objects !== undefined ? `, ${counted(t.objects, 'object')}` : '';
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
export function filedLines(c: FiledCase, me: Caller, created: boolean, colour: boolean, now: Date): string[] {
  const lines = [
    `case ${c.id} ${created ? 'opened' : c.report?.stored === 0 ? 'unchanged (this version was filed already)' : 'updated'}: ${c.name}`,
    `  ${tlpLabel(c.tlp, colour)}  stage ${c.stage}  severity ${c.severity ?? '-'}  next deadline ${nextDeadlineText(c, me, now)}`,
  ];
  for (const m of c.report?.missing ?? []) lines.push(`  missing for this stage: ${m.item} (${m.pointer}): ${m.detail}`);
  return lines;
}
