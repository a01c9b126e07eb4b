// The post-incident report of a room as Markdown (issue 19). Pure: the service decides beforehand
// which marking the report carries (composedMarking) and who may read it (canReadComposed).
import type { TlpLabel } from '@isac/tlp';
import type { BoardRow } from './status-board.js';

export interface ReportLine {
  at: Date;
  /** the organisation's slug */
  by: string;
  text: string;
}

export interface ReportInput {
  title: string;
  /** the report's own marking, as composedMarking chose it */
  tlp: TlpLabel;
  declaredAt: Date;
  closedAt: Date | null;
  sectors: readonly string[];
  timeline: readonly ReportLine[];
  sitreps: readonly (ReportLine & { tlp: TlpLabel })[];
  missedSitreps: readonly Date[];
  statusChanges: readonly (ReportLine & { sector: string })[];
  board: readonly BoardRow[];
  decisions: readonly ReportLine[];
  tasks: readonly (ReportLine & { owner: string; due: Date | null })[];
  acknowledgements: readonly { sector: string; unit: string; ackedAt: Date | null; minutes: number | null }[];
  linkedCases: readonly { id: string; name: string }[];
  /** declared as part of an exercise (issue 19): the report says so at its head and foot */
  exercise: boolean;
}

/** Issue 19: an exercise's report is marked as such wherever it is read, printed or forwarded. */
export const EXERCISE_MARK = 'EXERCISE — not a real major incident: declared as part of a preparedness exercise';

const when = (d: Date) => d.toISOString().replace('.000Z', 'Z');
// Markdown an author typed stays text in a table cell or list item: no pipes, no new lines
const inline = (s: string) => s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
const quoted = (body: string) => body.split(/\r?\n/).map((l) => `> ${l}`).join('\n');

export function postIncidentReport(r: ReportInput): string {
  const out: string[] = [];
  out.push(`**${r.tlp}**`, '');
  if (r.exercise) out.push(`**${EXERCISE_MARK}**`, '');
  out.push(`# ${r.exercise ? 'EXERCISE — ' : ''}Post-incident report: ${inline(r.title)}`, '');
  out.push(
    `- Declared: ${when(r.declaredAt)}`,
    `- Stood down: ${r.closedAt ? when(r.closedAt) : 'not yet (the room is open)'}`,
    `- Sectors concerned: ${r.sectors.join(', ')}`,
  );
  if (r.linkedCases.length) out.push(`- Linked cases: ${r.linkedCases.map((c) => `${inline(c.name)} (${c.id})`).join('; ')}`);
  out.push('', '## Time to acknowledge', '', '| sector | unit | acknowledged | minutes after the declaration |', '|---|---|---|---|');
  for (const a of r.acknowledgements) out.push(`| ${a.sector} | ${a.unit} | ${a.ackedAt ? when(a.ackedAt) : 'not acknowledged'} | ${a.minutes ?? '—'} |`);
  out.push('', '## Sector status', '', '| sector | state | note | since |', '|---|---|---|---|');
  for (const b of r.board) out.push(`| ${b.sector} | ${b.state} | ${inline(b.note ?? '')} | ${b.updatedAt ? when(b.updatedAt) : '—'} |`);
  out.push('', '## Timeline', '');
  for (const l of r.timeline) out.push(`- ${when(l.at)} — ${l.by}: ${inline(l.text)}`);
  out.push('', '## Situation reports', '');
  if (r.missedSitreps.length) out.push(`Missed sitreps (due, none sent): ${r.missedSitreps.map(when).join(', ')}`, '');
  if (!r.sitreps.length) out.push('None.');
  for (const s of r.sitreps) out.push(`### ${when(s.at)} (${s.tlp})`, '', quoted(s.text), '');
  out.push('', '## Status changes', '');
  if (!r.statusChanges.length) out.push('None.');
  for (const s of r.statusChanges) out.push(`- ${when(s.at)} — ${s.sector}: ${inline(s.text)}`);
  out.push('', '## Decisions', '');
  if (!r.decisions.length) out.push('None.');
  for (const d of r.decisions) out.push(`- ${when(d.at)} — ${d.by}: ${inline(d.text)}`);
  out.push('', '## Tasks', '', '| task | owner | due | set by |', '|---|---|---|---|');
  for (const t of r.tasks) out.push(`| ${inline(t.text)} | ${t.owner} | ${t.due ? when(t.due) : '—'} | ${t.by}, ${when(t.at)} |`);
  out.push('');
  if (r.exercise) out.push(`**${EXERCISE_MARK}**`, '');
  out.push(`**${r.tlp}**`, '');
  return out.join('\n');
}
