// The post-incident report as an HTML page (issue 19): the same content as the Markdown, every
// string typed by a participant escaped, the TLP label in the header and footer as FIRST asks.
// Pure: the service chose the marking and the reader beforehand.
import { escapeHtml, tlpBadgeHtml } from '@isac/tlp';
import { EXERCISE_MARK, type ReportInput } from './post-incident-report.js';

const when = (d: Date) => d.toISOString().replace('.000Z', 'Z');
const cell = (text: string | number) => `<td>${escapeHtml(String(text))}</td>`;
const row = (cells: (string | number)[]) => `<tr>${cells.map(cell).join('')}</tr>`;
const table = (head: string[], rows: (string | number)[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map(row).join('')}</tbody></table>`;
const list = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : '<p>None.</p>');
// a sitrep's body keeps its lines, as text: no markup of the author's is ever read as HTML
const paragraphs = (body: string) => body.split(/\r?\n/).map((l) => escapeHtml(l)).join('<br>');

const STYLE = `
body { font-family: system-ui, sans-serif; font-size: 11pt; margin: 0; color: #000; }
main { margin: 3em 2em; }
.tlp-banner { text-align: right; padding: .3em 2em; }
.tlp { font-size: 12pt; font-weight: bold; padding: .1em .4em; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table { border-collapse: collapse; margin: .5em 0 1em; }
th, td { border: 1px solid #999; padding: .2em .5em; text-align: left; vertical-align: top; }
.exercise { border: 3px solid #000; font-weight: bold; padding: .4em .8em; margin: 0 2em; }
blockquote { border-left: 3px solid #999; margin: .3em 0 1em; padding-left: 1em; }
`;

export function postIncidentReportHtml(r: ReportInput): string {
  const badge = tlpBadgeHtml(r.tlp);
  const heading = `${r.exercise ? 'EXERCISE — ' : ''}Post-incident report: ${r.title}`;
  const exerciseMark = r.exercise ? `<p class="exercise" role="note">${escapeHtml(EXERCISE_MARK)}</p>` : '';
  const facts = [
    `Declared: ${when(r.declaredAt)}`,
    `Stood down: ${r.closedAt ? when(r.closedAt) : 'not yet (the room is open)'}`,
    `Sectors concerned: ${r.sectors.join(', ')}`,
    ...(r.linkedCases.length ? [`Linked cases: ${r.linkedCases.map((c) => `${c.name} (${c.id})`).join('; ')}`] : []),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(`${r.tlp} ${heading}`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header class="tlp-banner">${badge}</header>`,
    exerciseMark,
    '<main>',
    `<h1>${escapeHtml(heading)}</h1>`,
    list(facts),
    '<h2>Time to acknowledge</h2>',
    table(
      ['sector', 'unit', 'acknowledged', 'minutes after the declaration'],
      r.acknowledgements.map((a) => [a.sector, a.unit, a.ackedAt ? when(a.ackedAt) : 'not acknowledged', a.minutes ?? '—']),
    ),
    '<h2>Sector status</h2>',
    table(['sector', 'state', 'note', 'since'], r.board.map((b) => [b.sector, b.state, b.note ?? '', b.updatedAt ? when(b.updatedAt) : '—'])),
    '<h2>Timeline</h2>',
    list(r.timeline.map((l) => `${when(l.at)} — ${l.by}: ${l.text}`)),
    '<h2>Situation reports</h2>',
    r.missedSitreps.length ? `<p>Missed sitreps (due, none sent): ${escapeHtml(r.missedSitreps.map(when).join(', '))}</p>` : '',
    r.sitreps.length
      ? r.sitreps.map((s) => `<h3>${escapeHtml(`${when(s.at)} (${s.tlp})`)}</h3><blockquote>${paragraphs(s.text)}</blockquote>`).join('')
      : '<p>None.</p>',
    '<h2>Status changes</h2>',
    list(r.statusChanges.map((s) => `${when(s.at)} — ${s.sector}: ${s.text}`)),
    '<h2>Decisions</h2>',
    list(r.decisions.map((d) => `${when(d.at)} — ${d.by}: ${d.text}`)),
    '<h2>Tasks</h2>',
    table(['task', 'owner', 'due', 'set by'], r.tasks.map((t) => [t.text, t.owner, t.due ? when(t.due) : '—', `${t.by}, ${when(t.at)}`])),
    '</main>',
    exerciseMark,
    `<footer class="tlp-banner">${badge}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
