// The case page: NIS2 (or DORA) stages, deadlines counting down, the timeline.
import { api } from '../api.js';
import { countdown, h, when } from '../dom.js';
import { CLOCK_NAMES, STAGE_NAMES } from '../stages.js';
import { tlpBadge } from '../tlp.js';

// the hub's report stages; DORA (finance) has no early warning and no progress report
const STAGES = { nis2: ['early-warning', 'notification', 'intermediate', 'progress', 'final'], dora: ['notification', 'intermediate', 'final'] };

export async function render(main, { params, signal }) {
  const c = await api(`/incidents/${encodeURIComponent(params.id)}`);
  const reported = new Set(c.timeline.filter((t) => t.kind === 'report').map((t) => t.stage));
  const stages = h('ol', { class: 'stages', 'aria-label': 'Reporting stages' }, (STAGES[c.regime] ?? STAGES.nis2).map((s) =>
    h('li', { class: `stage ${reported.has(s) ? 'done' : ''} ${c.stage === s ? 'current' : ''}`, 'aria-current': c.stage === s ? 'step' : undefined },
      h('span', { class: 'stage-mark', 'aria-hidden': 'true', text: reported.has(s) ? '✓' : '○' }), ` ${STAGE_NAMES[s]}`, reported.has(s) ? h('span', { class: 'sr-only', text: ' (submitted)' }) : null)));

  const deadlineRows = c.deadlines.map((d) => {
    // data-label names each cell where a phone shows the row as a card (console.css)
    const left = h('td', { class: 'countdown', 'data-due': d.due, 'data-label': 'Time left' });
    const state = d.submittedAt ? (d.late ? 'submitted late' : 'met') : d.overdue ? 'overdue' : d.dueSoon ? 'due soon' : 'open';
    return { row: h('tr', { class: `deadline ${state.replace(' ', '-')}`, 'data-clock': d.clock },
      h('th', { scope: 'row', text: CLOCK_NAMES[d.clock] ?? d.clock }), h('td', { 'data-label': 'Owner', text: d.owner }), h('td', { 'data-label': 'Due', text: when(d.due) }), left,
      h('td', { 'data-label': 'State' }, h('span', { class: `state state-${state.replace(' ', '-')}`, text: state }))), left, d };
  });
  const tick = () => {
    for (const { left, d } of deadlineRows) left.textContent = d.submittedAt ? `submitted ${when(d.submittedAt)}` : countdown(d.due);
  };
  tick();
  const timer = setInterval(tick, 30_000);
  signal.addEventListener('abort', () => clearInterval(timer));

  main.append(
    h('p', {}, h('a', { href: '#/incidents', text: '← Incidents' })),
    h('div', { class: 'case-head' }, tlpBadge(c.tlp), h('h1', { text: c.name })),
    h('dl', { class: 'facts' },
      h('dt', { text: 'Reporter' }), h('dd', { text: c.reporter }),
      h('dt', { text: 'Regime' }), h('dd', { text: c.regime.toUpperCase() }),
      h('dt', { text: 'Severity' }), h('dd', {}, h('span', { class: `severity sev-${c.severity}`, text: c.severity ?? '—' })),
      h('dt', { text: 'Stage' }), h('dd', { id: 'case-stage', text: STAGE_NAMES[c.stage] ?? c.stage }),
      h('dt', { text: 'Affected sectors' }), h('dd', { text: c.affectedSectors.join(', ') || '—' }),
      h('dt', { text: 'Became aware' }), h('dd', { text: when(c.awareAt) }),
      h('dt', { text: 'Case id' }), h('dd', { class: 'mono', text: c.id })),
    h('h2', { text: 'Stages' }), stages,
    h('h2', { text: 'Deadlines' }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'deadlines stack', id: 'case-deadlines' },
      h('caption', { class: 'sr-only', text: 'Reporting deadlines' }),
      h('thead', {}, h('tr', {}, ['Report', 'Owner', 'Due', 'Time left', 'State'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, deadlineRows.map((r) => r.row)))),
    h('h2', { text: 'Timeline' }),
    h('ol', { class: 'timeline', id: 'case-timeline' }, c.timeline.map((t) =>
      h('li', {}, h('time', { datetime: t.at, text: when(t.at) }), ` ${t.kind === 'report' ? 'Report' : t.kind}: ${STAGE_NAMES[t.stage] ?? t.stage}`,
        t.objects !== undefined ? ` (${t.objects} STIX objects)` : '',
        t.missing?.length ? h('ul', { class: 'missing' }, t.missing.map((m) => h('li', { text: `missing: ${m.item} — ${m.detail}` }))) : null))),
  );
}
