// One major incident's coordination room (issue 19). Its first screen is the sector status board; then
// the timeline, sitreps, tasks, decisions and the linked cases (each shown only to those who may read
// it; the centre attaches more). A concerned sector unit sets its own sector's state from
// the board; the centre posts sitreps, tasks and decisions and stands the room down. Every line added
// by anyone reaches this page live (`major-incident` events), and the page reads the room again.
import { api, download } from '../api.js';
import { announce, append, clear, countdown, h, when } from '../dom.js';
import { clearErrors, field, select, showErrors } from '../forms.js';
import { exerciseBadge, exerciseBanner } from '../exercise.js';
import { coalesce, live } from '../live.js';
import { rank, tlpBadge, TLP_LABELS } from '../tlp.js';

const STATES = ['not-affected', 'affected', 'degraded', 'recovering', 'recovered'];
const LINE_NAMES = {
  declared: 'Declared',
  sitrep: 'Sitrep',
  'sitrep-missed': 'Sitrep missed',
  status: 'Status',
  task: 'Task',
  decision: 'Decision',
  'stand-down': 'Stood down',
};

export async function render(main, { me, params, signal }) {
  const head = h('div', { class: 'case-head' });
  const meta = h('p', { class: 'meta', id: 'room-meta' });
  const cadence = h('p', { class: 'meta', id: 'room-cadence', role: 'status' });
  const board = h('table', { class: 'receipts', id: 'status-board' });
  const timeline = h('ol', { class: 'timeline', id: 'room-timeline' });
  const sitreps = h('div', { id: 'room-sitreps' });
  const tasks = h('table', { class: 'receipts', id: 'room-tasks' });
  const decisions = h('div', { id: 'room-decisions' });
  const cases = h('div', { id: 'room-cases' });
  const section = (id, title, ...children) => h('section', { id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h`, text: title }), ...children);

  let room = await api(`/major-incidents/${params.id}`);
  const org = me.organisation;
  const isCentre = org.kind === 'centre';
  const ownSector = org.kind === 'sector-unit' && room.sectors.includes(org.sector) ? org.sector : null;
  const participant = isCentre || ownSector !== null;
  // each form stands under what it adds to; only what the key's organisation may do is offered
  const forms = participant && room.state === 'open' ? participantForms() : {};

  append(main, [
    h('p', {}, h('a', { href: '#/major-incidents', text: '← Major incidents' })),
    exerciseBanner(room, 'major incident'),
    head,
    meta,
    cadence,
    h(
      'nav',
      { class: 'filters', 'aria-label': 'Room' },
      ['status', 'timeline', 'sitreps', 'tasks', 'decisions', 'cases'].map((s) =>
        h('a', {
          href: `#/major-incidents/${params.id}`,
          'data-jump': s,
          text: s[0].toUpperCase() + s.slice(1),
          onclick: (e) => {
            e.preventDefault();
            main.querySelector(`#room-${s}`)?.closest('section')?.scrollIntoView();
          },
        }),
      ),
    ),
    section('room-status', 'Sector status board', h('div', { class: 'table-wrap' }, board), ownSector ? statusForm() : null),
    section('room-timeline-section', 'Timeline', timeline),
    section('room-sitreps-section', 'Sitreps', sitreps, forms.sitrep),
    section('room-tasks-section', 'Tasks and requests for assistance', h('div', { class: 'table-wrap' }, tasks), forms.task),
    section('room-decisions-section', 'Decisions', decisions, forms.decision),
    section('room-cases-section', 'Linked cases', cases, forms.attach),
    forms.standDown,
    h(
      'p',
      {},
      'Post-incident report: ',
      h('button', {
        type: 'button',
        class: 'link',
        id: 'report-md',
        onclick: () => download(`/major-incidents/${params.id}/report.md`, `major-incident-${params.id}.md`).catch((e) => announce(e.message)),
        text: 'Markdown',
      }),
      ' · ',
      h('button', {
        type: 'button',
        class: 'link',
        id: 'report-html',
        onclick: () => download(`/major-incidents/${params.id}/report.html`, `major-incident-${params.id}.html`).catch((e) => announce(e.message)),
        text: 'HTML',
      }),
    ),
  ]);

  function draw() {
    append(clear(head), [
      tlpBadge(room.tlp),
      h('span', { class: `state state-${room.state}`, id: 'room-state', text: room.state === 'open' ? 'open' : 'stood down' }),
      exerciseBadge(room),
      h('h1', { text: room.title }),
    ]);
    meta.textContent = `Major incident · sectors ${room.sectors.join(', ')} · declared ${when(room.declaredAt)}${room.closedAt ? ` · stood down ${when(room.closedAt)}` : ''} · audience ${room.audience.join(', ')}`;
    const c = room.sitrepCadence;
    cadence.textContent =
      c.everyMinutes === null
        ? 'No sitrep cadence set.'
        : `Sitreps every ${c.everyMinutes} min${c.nextDueAt ? ` · next due ${countdown(c.nextDueAt)}` : ''}${c.overdue ? ' · OVERDUE' : ''}${c.missed.length ? ` · ${c.missed.length} missed` : ''}`;
    const acks = new Map((room.acknowledgements ?? []).map((a) => [a.sector, a]));
    board.replaceChildren(
      h('caption', { text: 'Each concerned sector as its unit reports it (updates live)' }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Sector', 'State', 'Note', 'Since', ...(room.acknowledgements ? ['Alert acknowledged'] : [])].map((t) => h('th', { scope: 'col', text: t })),
        ),
      ),
      h(
        'tbody',
        {},
        room.statusBoard.map((b) =>
          h(
            'tr',
            { 'data-sector': b.sector },
            h('th', { scope: 'row', text: b.sector }),
            h('td', {}, h('span', { class: `state state-${b.state}`, text: b.state })),
            h('td', { text: b.note ?? '' }),
            h('td', { text: when(b.updatedAt) }),
            room.acknowledgements
              ? h('td', {
                  text: acks.get(b.sector)?.ackedAt ? `${when(acks.get(b.sector).ackedAt)} (${acks.get(b.sector).minutesToAcknowledge} min)` : 'not yet',
                })
              : null,
          ),
        ),
      ),
    );
    timeline.replaceChildren(
      ...room.timeline.map((l) =>
        h('li', { 'data-kind': l.kind }, h('span', { class: 'kind', text: LINE_NAMES[l.kind] ?? l.kind }), ` ${when(l.at)} · ${l.by ?? '—'}: `, lineText(l)),
      ),
    );
    // append() skips the absent warning; replaceChildren would print "null"
    append(clear(sitreps), [
      c.missed.length ? h('p', { class: 'warn', id: 'sitreps-missed', text: `Missed (due, none sent): ${c.missed.map(when).join(', ')}` }) : null,
      room.sitreps.length
        ? room.sitreps.map((s) =>
            h(
              'article',
              { class: 'entry', 'data-sitrep': s.id },
              h('div', { class: 'entry-head' }, tlpBadge(s.tlp), h('span', { class: 'meta', text: `${when(s.at)} · ${s.by}` })),
              h('p', { class: 'body', text: s.body }),
            ),
          )
        : h('p', { text: 'No sitrep yet.' }),
    ]);
    tasks.replaceChildren(
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Task', 'Owner', 'Due', 'Set by'].map((t) => h('th', { scope: 'col', text: t })),
        ),
      ),
      h(
        'tbody',
        {},
        room.tasks.length
          ? room.tasks.map((t) =>
              h(
                'tr',
                {},
                h('td', { text: t.title }),
                h('td', { text: t.owner ?? '—' }),
                h('td', { text: when(t.due) }),
                h('td', { text: `${t.by}, ${when(t.at)}` }),
              ),
            )
          : h('tr', {}, h('td', { colspan: 4, text: 'No task yet.' })),
      ),
    );
    decisions.replaceChildren(
      room.decisions.length
        ? h(
            'ol',
            { class: 'timeline' },
            room.decisions.map((d) => h('li', {}, `${when(d.at)} · ${d.by}: `, d.text)),
          )
        : h('p', { text: 'No decision yet.' }),
    );
    cases.replaceChildren(
      room.linkedCases.length
        ? h(
            'ul',
            { id: 'room-case-list' },
            room.linkedCases.map((c) => h('li', { 'data-case': c.id }, tlpBadge(c.tlp), ' ', h('a', { href: `#/incidents/${c.id}`, text: c.name }))),
          )
        : h('p', { class: 'muted', text: 'No linked case you may read.' }),
    );
    if (room.state !== 'open') for (const form of main.querySelectorAll('form')) form.hidden = true;
  }

  function lineText(l) {
    if (l.kind === 'status') return `${l.sector} is ${l.state}${l.text ? ` — ${l.text}` : ''}`;
    if (l.kind === 'sitrep-missed') return `a sitrep was due at ${when(l.text)}`;
    if (l.kind === 'sitrep') return 'a situation report (below)';
    return l.text;
  }

  /** A form that posts to the room and shows problems beside its fields. */
  function roomForm(id, title, controls, submit, send) {
    const form = h(
      'form',
      { class: 'card', id, novalidate: true },
      h('h3', { text: title }),
      ...controls,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', text: submit })),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      try {
        await send(form);
        form.reset();
        announce(`${title}: done`);
        await load();
      } catch (error) {
        showErrors(form, error, (pointer) => form.querySelector(`[data-pointer="${pointer}"]`)?.id);
      }
    });
    return form;
  }

  function statusForm() {
    const state = select({ id: 'status-state', 'data-pointer': '/state' }, STATES.map((s) => [s]));
    const note = h('input', { type: 'text', id: 'status-note', 'data-pointer': '/note', maxlength: 2000 });
    return roomForm(
      'status-form',
      `Set ${ownSector}'s status`,
      [field('State', state), field('Note', note, { hint: 'One line: what is affected, what runs on fallback.' })],
      'Update the board',
      () => api(`/major-incidents/${params.id}/status`, { method: 'PUT', body: { state: state.value, note: note.value } }),
    );
  }

  function participantForms() {
    const sitrepBody = h('textarea', { id: 'sitrep-body', 'data-pointer': '/body', rows: 4 });
    const sitrepTlp = select({ id: 'sitrep-tlp', 'data-pointer': '/tlp' }, TLP_LABELS.filter((l) => rank(l) >= rank(room.tlp)).map((l) => [l]));
    const taskTitle = h('input', { type: 'text', id: 'task-title', 'data-pointer': '/title' });
    const taskOwner = select({ id: 'task-owner', 'data-pointer': '/owner' }, room.audience.map((s) => [s]));
    const taskDue = h('input', { id: 'task-due', type: 'datetime-local', 'data-pointer': '/due' });
    const decision = h('input', { type: 'text', id: 'decision-text', 'data-pointer': '/text' });
    const standNote = h('input', { type: 'text', id: 'stand-down-note', 'data-pointer': '/note' });
    const caseRefs = h('input', { type: 'text', id: 'attach-case-ids', 'data-pointer': '/caseIds', class: 'mono', spellcheck: 'false' });
    return {
      sitrep: isCentre
        ? roomForm(
            'sitrep-form',
            'Post a sitrep',
            [field('Situation report', sitrepBody), field('Marking', sitrepTlp, { hint: `No weaker than the room's ${room.tlp}.` })],
            'Post the sitrep',
            () => api(`/major-incidents/${params.id}/sitreps`, { method: 'POST', body: { body: sitrepBody.value, tlp: sitrepTlp.value } }),
          )
        : null,
      task: roomForm(
        'task-form',
        'Set a task or request assistance',
        [field('Task', taskTitle), field('Owner', taskOwner), field('Due (your time)', taskDue)],
        'Add the task',
        () =>
          api(`/major-incidents/${params.id}/tasks`, {
            method: 'POST',
            body: { title: taskTitle.value, owner: taskOwner.value, ...(taskDue.value ? { due: new Date(taskDue.value).toISOString() } : {}) },
          }),
      ),
      decision: roomForm('decision-form', 'Log a decision', [field('Decision', decision)], 'Log it', () =>
        api(`/major-incidents/${params.id}/decisions`, { method: 'POST', body: { text: decision.value } }),
      ),
      attach: isCentre
        ? roomForm(
            'attach-form',
            'Attach cases',
            [
              field('Case ids', caseRefs, {
                hint: 'Cases of any sector, separated by spaces or commas. Each reader of the room sees only the cases it may read.',
              }),
            ],
            'Attach',
            () => api(`/major-incidents/${params.id}/cases`, { method: 'POST', body: { caseIds: caseRefs.value.split(/[\s,]+/).filter(Boolean) } }),
          )
        : null,
      standDown: isCentre
        ? roomForm(
            'stand-down-form',
            'Stand down',
            [field('Closing note', standNote, { hint: "Closes the room, writes the report and drafts the next network meeting's item." })],
            'Stand down',
            () => api(`/major-incidents/${params.id}/stand-down`, { method: 'POST', body: standNote.value ? { note: standNote.value } : {} }),
          )
        : null,
    };
  }

  const load = async () => {
    room = await api(`/major-incidents/${params.id}`);
    draw();
  };
  draw();
  const reload = coalesce(load, 100);
  live.addEventListener('major-incident', (event) => {
    if (event.detail.majorIncidentId !== params.id) return;
    if (event.detail.kind === 'status') announce('The status board changed');
    reload();
  }, { signal });
  live.addEventListener('resync', reload, { signal });
}
