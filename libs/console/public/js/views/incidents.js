import { api } from '../api.js';
import { countdown, h, when } from '../dom.js';
import { tlpBadge } from '../tlp.js';

export async function render(main, { me }) {
  const { cases } = await api('/incidents?limit=100');
  main.append(
    h('h1', { text: 'Incidents' }),
    me.roles.includes('reporter') ? h('p', {}, h('a', { href: '#/incidents/new', class: 'button primary', text: 'File an incident' })) : null,
    cases.length
      ? h('ol', { class: 'entries' }, cases.map((c) => h('li', { class: 'entry' },
          h('div', { class: 'entry-head' }, tlpBadge(c.tlp), h('span', { class: `severity sev-${c.severity}`, text: c.severity ?? '—' }), h('h2', { class: 'entry-title' }, h('a', { href: `#/incidents/${c.id}`, text: c.name }))),
          h('p', { class: 'meta', text: `${c.reporter} · ${c.stage} · aware ${when(c.awareAt)}${c.nextDeadline ? ` · next: ${c.nextDeadline.clock} ${countdown(c.nextDeadline.due)}` : ''}${c.overdue ? ' · OVERDUE' : ''}` }))))
      : h('p', { text: 'No incidents you may read.' }),
  );
}
