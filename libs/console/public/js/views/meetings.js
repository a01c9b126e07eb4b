// Meetings the organisation runs or takes part in, and a new meeting (coordinators).
import { api } from '../api.js';
import { h, when } from '../dom.js';
import { clearErrors, field, select, showErrors } from '../forms.js';
import { TLP_LABELS, tlpBadge } from '../tlp.js';

const local = (days, hour) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setHours(hour, 0, 0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const FIELDS = {
  '/title': 'meeting-title',
  '/startsAt': 'meeting-starts',
  '/endsAt': 'meeting-ends',
  '/location': 'meeting-location',
  '/participants': 'meeting-participants',
  '/tlp': 'meeting-tlp',
  '/series': 'meeting-series',
};

export async function render(main, { me, create }) {
  if (create) return renderNew(main, me);
  const { meetings } = await api('/meetings');
  main.append(
    h('h1', { text: 'Meetings' }),
    me.roles.includes('coordinator')
      ? h('p', {}, h('a', { href: '#/meetings/new', class: 'button primary', text: 'New meeting' }))
      : h('p', { class: 'hint', text: 'The meetings your organisation takes part in: propose items while a meeting is a draft.' }),
    meetings.length
      ? h(
          'ol',
          { class: 'entries', id: 'meeting-list' },
          meetings.map((m) =>
            h(
              'li',
              { class: 'entry' },
              h(
                'div',
                { class: 'entry-head' },
                tlpBadge(m.tlp),
                h('span', { class: 'kind', text: m.state }),
                h('h2', { class: 'entry-title' }, h('a', { href: `#/meetings/${m.id}`, text: m.title })),
              ),
              h('p', { class: 'meta', text: `${when(m.startsAt)} – ${when(m.endsAt)} · ${m.location ?? m.onlineUrl ?? ''} · ${m.participants.join(', ')}` }),
            ),
          ),
        )
      : h('p', { text: 'No meetings yet.' }),
  );
}

async function renderNew(main, me) {
  const { organisations } = await api('/organisations');
  const title = h('input', { type: 'text', required: true });
  const starts = h('input', { type: 'datetime-local', value: local(14, 9), required: true });
  const ends = h('input', { type: 'datetime-local', value: local(14, 12), required: true });
  const location = h('input', { type: 'text' });
  const series = h('input', { type: 'text', value: 'sector-network', pattern: '[a-z0-9-]+' });
  const tlp = select({}, TLP_LABELS.map((t) => [t]));
  tlp.value = 'TLP:AMBER';
  const participants = h(
    'fieldset',
    { class: 'checks', id: 'meeting-participants', tabindex: '-1' },
    h('legend', { text: 'Participants' }),
    organisations
      .filter((o) => o.kind !== 'member')
      .map((o) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: o.slug, checked: o.slug === me.organisation.slug }), ` ${o.slug}`)),
    h('p', { class: 'field-error', id: 'meeting-participants-error', hidden: true }),
  );
  const form = h(
    'form',
    { class: 'card', id: 'meeting-form', novalidate: true },
    field('Title', title, { id: 'meeting-title' }),
    field('Starts (local time)', starts, { id: 'meeting-starts' }),
    field('Ends (local time)', ends, { id: 'meeting-ends' }),
    field('Place', location, { id: 'meeting-location' }),
    field('Series', series, { id: 'meeting-series', hint: 'Drafts gather what happened since the previous meeting of the series.' }),
    field('TLP of the agenda (at least)', tlp, { id: 'meeting-tlp' }),
    participants,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', text: 'Create the meeting' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const body = {
      title: title.value.trim(),
      startsAt: starts.value ? new Date(starts.value).toISOString() : '',
      endsAt: ends.value ? new Date(ends.value).toISOString() : '',
      ...(location.value.trim() ? { location: location.value.trim() } : {}),
      series: series.value.trim(),
      tlp: tlp.value,
      participants: [...participants.querySelectorAll('input:checked')].map((c) => c.value),
    };
    try {
      const created = await api('/meetings', { method: 'POST', body });
      window.location.hash = `#/meetings/${created.id}`;
    } catch (error) {
      showErrors(form, error, (p) => FIELDS[p] ?? FIELDS[p.replace(/\/\d+$/, '')]);
    }
  });
  main.append(h('p', {}, h('a', { href: '#/meetings', text: '← Meetings' })), h('h1', { text: 'New meeting' }), form);
  title.focus();
}
