// The major incidents the caller may read (GET /major-incidents): open rooms first, each with its marking.
import { api } from '../api.js';
import { coalesce, live } from '../live.js';
import { h, when } from '../dom.js';
import { exerciseBadge } from '../exercise.js';
import { tlpBadge } from '../tlp.js';

export async function render(main, { signal }) {
  const list = h('div', { id: 'major-incident-list' });
  main.append(
    h('h1', { text: 'Major incidents' }),
    h('p', { class: 'meta', text: 'Coordination rooms the centre declared, as your organisation may read them. Each opens on its sector status board.' }),
    list,
  );
  const load = async () => {
    const { majorIncidents } = await api('/major-incidents');
    list.replaceChildren(
      majorIncidents.length
        ? h(
            'ol',
            { class: 'entries' },
            majorIncidents.map((m) =>
              h(
                'li',
                { class: 'entry', 'data-major-incident': m.id, 'data-exercise-item': m.exercise ? 'true' : undefined },
                h(
                  'div',
                  { class: 'entry-head' },
                  tlpBadge(m.tlp),
                  h('span', { class: `state state-${m.state}`, text: m.state === 'open' ? 'open' : 'stood down' }),
                  exerciseBadge(m),
                  h('h2', { class: 'entry-title' }, h('a', { href: `#/major-incidents/${m.id}`, text: m.title })),
                ),
                h('p', {
                  class: 'meta',
                  text: `sectors ${m.sectors.join(', ')} · declared ${when(m.declaredAt)}${m.closedAt ? ` · stood down ${when(m.closedAt)}` : ''}`,
                }),
              ),
            ),
          )
        : h('p', { text: 'No major incident you may read.' }),
    );
  };
  const reload = coalesce(load);
  // a room declared for this organisation announces its first line: the list follows
  live.addEventListener('major-incident', (event) => ['declared', 'stand-down'].includes(event.detail.kind) && reload(), { signal });
  live.addEventListener('resync', reload, { signal });
  await load();
}
