import { api } from '../api.js';
import { h, when } from '../dom.js';
import { tlpBadge } from '../tlp.js';

export async function render(main, { me }) {
  const { advisories } = await api(`/advisories?author=${encodeURIComponent(me.organisation.slug)}&limit=100`);
  main.append(
    h('h1', { text: 'Sent and receipts' }),
    me.organisation.kind === 'centre' ? h('p', {}, h('a', { href: '#/alerts/new', class: 'button primary', text: 'Issue an alert' })) : null,
    advisories.length
      ? h('ol', { class: 'entries' }, advisories.map((a) => h('li', { class: 'entry' },
          h('div', { class: 'entry-head' }, tlpBadge(a.tlp), h('span', { class: `severity sev-${a.severity}`, text: a.severity }), a.kind === 'alert' ? h('span', { class: 'kind', text: 'alert' }) : null,
            h('h2', { class: 'entry-title' }, h('a', { href: `#/advisories/${a.id}`, text: a.title }))),
          h('p', { class: 'meta', text: when(a.createdAt) }))))
      : h('p', { text: 'Nothing sent yet.' }),
  );
}
