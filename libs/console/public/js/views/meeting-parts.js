// Parts of the meeting page that are not the editor: the period a draft covers, a participant's
// proposal form, and the published versions of the agenda.
import { api } from '../api.js';
import { h, when } from '../dom.js';
import { clearErrors, field, select, showErrors } from '../forms.js';
import { TLP_LABELS, tlpBadge } from '../tlp.js';

/** The period the draft gathered from, stated where the agenda starts (as the exports do). */
export function periodLine(agenda) {
  if (!agenda?.period) return null;
  const { from, to } = agenda.period;
  return h(
    'p',
    { class: 'period', id: 'agenda-period' },
    h('strong', { text: 'Period covered: ' }),
    from ? `from ${when(from)} to ${when(to)}` : `from the start of the series to ${when(to)}`,
  );
}

const FIELDS = { '/title': 'proposal-title', '/minutes': 'proposal-minutes', '/tlp': 'proposal-tlp' };

/** A participant proposes an item while the meeting is a draft; `done(proposal)` after it is stored. */
export function proposalForm(meeting, done) {
  const title = h('input', { type: 'text', required: true, maxlength: 300 });
  const minutes = h('input', { type: 'number', min: 1, max: 240, value: 10 });
  const tlp = select({}, TLP_LABELS.map((t) => [t]));
  tlp.value = meeting.tlp;
  const form = h('form', { class: 'card', id: 'proposal-form', novalidate: true },
    h('h3', { text: 'Propose an item' }),
    field('Title', title, { id: 'proposal-title' }),
    field('Minutes it needs', minutes, { id: 'proposal-minutes' }),
    field('TLP', tlp, { id: 'proposal-tlp', hint: `The meeting's TLP unless you choose a stricter one; every participant receives it.` }),
    h('div', { class: 'form-errors' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', text: 'Propose the item' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    try {
      const proposal = await api(`/meetings/${meeting.id}/proposals`, {
        method: 'POST',
        body: { title: title.value.trim(), ...(minutes.value ? { minutes: Number(minutes.value) } : {}), tlp: tlp.value },
      });
      title.value = '';
      await done(proposal);
    } catch (error) {
      showErrors(form, error, (p) => FIELDS[p]);
    }
  });
  return form;
}

/** Every version the caller may read, newest first: the current one marked, what each correction changed. */
export function versionsSection(versions) {
  if (!versions?.versions?.length) return null;
  const items = [...versions.versions].reverse().map((v) =>
    h(
      'li',
      { class: `version${v.current ? ' current' : ''}`, 'data-version': v.version },
      h(
        'div',
        { class: 'entry-head' },
        tlpBadge(v.tlp),
        h('strong', { text: `Version ${v.version}` }),
        v.current ? h('span', { class: 'kind', text: 'current' }) : null,
        h('span', { class: 'meta', text: ` published ${when(v.publishedAt)} by ${v.publishedBy}${v.publishedByKey ? ` (key ${v.publishedByKey})` : ''}` }),
      ),
      v.note ? h('p', { class: 'note', text: v.note }) : null,
      v.changes.length
        ? h(
            'ul',
            { class: 'changes' },
            v.changes.map((c) => h('li', { text: c })),
          )
        : h('p', { class: 'meta', text: 'As first published.' }),
      h(
        'details',
        {},
        h('summary', { text: `The agenda of version ${v.version}` }),
        h(
          'ol',
          { class: 'version-items' },
          v.agenda.items.map((i) => h('li', { text: `${i.title} — ${i.presenter}, ${i.minutes} min` })),
        ),
      ),
    ),
  );
  return h(
    'section',
    { 'aria-labelledby': 'versions-h', id: 'agenda-versions' },
    h('h2', { id: 'versions-h', text: 'Versions' }),
    h('ol', { class: 'versions', reversed: true }, items),
  );
}
