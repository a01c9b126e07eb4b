import { api } from '../api.js';
import { append, countdown, h, when } from '../dom.js';
import { exerciseBadge } from '../exercise.js';
import { coalesce, live } from '../live.js';
import { clockName, ownNextDeadline, stageName } from '../stages.js';
import { tlpBadge } from '../tlp.js';

export async function render(main, { me, signal }) {
  const list = h('div', { id: 'incidents-list' });
  // issue 19: exercise cases stay out of the real list; this switch lists them instead
  const exercises = h('input', { type: 'checkbox', id: 'incidents-exercise' });
  const load = async () => {
    const { cases } = await api(`/incidents?limit=100${exercises.checked ? '&exercise=true' : ''}`);
    list.replaceChildren(
      cases.length
        ? h(
            'ol',
            { class: 'entries' },
            cases.map((c) =>
              h(
                'li',
                { class: 'entry', 'data-exercise-item': c.exercise ? 'true' : undefined },
                h(
                  'div',
                  { class: 'entry-head' },
                  tlpBadge(c.tlp),
                  h('span', { class: `severity sev-${c.severity}`, text: c.severity ?? '—' }),
                  exerciseBadge(c),
                  h('h2', { class: 'entry-title' }, h('a', { href: `#/incidents/${c.id}`, text: c.name })),
                ),
                h('p', { class: 'meta', text: `${c.reporter} · ${stageName(c.stage)} · aware ${when(c.awareAt)}${c.overdue ? ' · OVERDUE' : ''}` }),
                nextLine(c, me),
              ),
            ),
          )
        : h('p', { text: exercises.checked ? 'No exercise case you may read.' : 'No incidents you may read.' }),
    );
  };
  await load();
  // append() skips the absent link; Element.append would print "null"
  append(main, [
    h('h1', { text: 'Incidents' }),
    me.roles.includes('reporter') ? h('p', {}, h('a', { href: '#/incidents/new', class: 'button primary', text: 'File an incident' })) : null,
    h('div', { class: 'field inline' }, exercises, h('label', { for: exercises.id, text: 'Exercise cases (instead of real ones)' })),
    list,
  ]);
  // a case filed, advanced or closed that the caller may read is told by the event stream: the list follows
  const reload = coalesce(load);
  exercises.addEventListener('change', reload, { signal });
  live.addEventListener('case', reload, { signal });
  live.addEventListener('resync', reload, { signal });
}

/** The caller's own next deadline first (a reporter's 72 h notification, the centre's feedback), then the other side's. */
function nextLine(c, me) {
  const own = ownNextDeadline(c, me);
  const other = c.nextDeadline && c.nextDeadline !== own && (!own || c.nextDeadline.clock !== own.clock) ? c.nextDeadline : null;
  const part = (d, who) => `${who}: ${clockName(d.clock)} ${d.overdue ? `overdue since ${when(d.due)}` : `due ${countdown(d.due)}`}`;
  if (!own && !other) return null;
  return h('p', { class: 'meta next-deadline', 'data-clock': (own ?? other).clock },
    own ? h('strong', { text: part(own, 'Your next deadline') }) : null,
    own && other ? ' · ' : null,
    other ? part(other, own ? 'then' : 'Next deadline') : null);
}
