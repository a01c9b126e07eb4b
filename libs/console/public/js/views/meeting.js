// One meeting: draft the agenda, reorder (drag or buttons), change time boxes, see TLP exclusions, publish, download.
import { api, download } from '../api.js';
import { confirmAction } from '../dialog.js';
import { announce, append, h, when } from '../dom.js';
import { tlpBadge } from '../tlp.js';

export async function render(main, { params }) {
  const id = params.id;
  const status = h('p', { class: 'status', role: 'status', id: 'agenda-status' });
  const container = h('div', {});
  main.append(h('p', {}, h('a', { href: '#/meetings', text: '← Meetings' })), container);

  let meeting = await api(`/meetings/${id}`);
  let agenda = meeting.agenda;

  // after a re-render, keyboard focus returns to the control that made the change (on the moved item)
  const edit = async (operations, message, refocus) => {
    try {
      ({ agenda } = await api(`/meetings/${id}/agenda`, { method: 'PATCH', body: { operations } }));
      status.textContent = message;
      announce(message);
      draw();
      const target = (refocus ?? []).map((selector) => container.querySelector(selector)).find(Boolean);
      target?.focus();
    } catch (error) {
      status.textContent = `Not changed: ${error.message}`;
    }
  };

  const draw = () => {
    const published = meeting.state !== 'draft';
    const itemsById = new Map((agenda?.items ?? []).map((i) => [i.id, i]));
    const startOf = new Map((agenda?.schedule ?? []).filter((s) => s.type === 'item').map((s) => [s.itemId, s.startsAt]));
    // breaks stand after the item they follow; they are the schedule's, not items to move
    const breakAfter = new Map();
    (agenda?.schedule ?? []).forEach((slot, i, schedule) => {
      if (slot.type === 'break' && i > 0 && schedule[i - 1].type === 'item') breakAfter.set(schedule[i - 1].itemId, slot);
    });
    const time = (at) => new Date(at).toLocaleTimeString(undefined, { timeStyle: 'short' });
    const list = h('ol', { class: 'agenda', id: 'agenda-items' });
    (agenda?.items ?? []).forEach((item, index, items) => {
      const minutes = h('input', { type: 'number', min: 1, value: item.minutes, class: 'minutes', id: `minutes-${index}`, disabled: published });
      minutes.addEventListener('change', () => {
        const value = Number(minutes.value);
        if (value >= 1 && value !== item.minutes) edit([{ op: 'setTimeBox', itemId: item.id, minutes: value }], `${item.title}: ${value} minutes`);
        else if (value < 1) status.textContent = 'A time box needs at least 1 minute.';
      });
      const li = h('li', { class: 'agenda-item', draggable: published ? undefined : 'true', 'data-item': item.id },
        h('span', { class: 'grip', 'aria-hidden': 'true', text: '⠿' }),
        h('div', { class: 'agenda-main' },
          h('h3', { class: 'agenda-title' }, item.title, ' ', item.sources.map((s) => (s.tlp ? tlpBadge(s.tlp) : null))),
          h('p', { class: 'meta', text: `${startOf.has(item.id) ? new Date(startOf.get(item.id)).toLocaleTimeString(undefined, { timeStyle: 'short' }) + ' · ' : ''}presented by ${item.presenter}${item.sources.length ? ` · ${item.sources.length} ${item.sources.length === 1 ? 'source' : 'sources'}` : ''}` })),
        h('div', { class: 'agenda-controls' },
          h('label', { for: minutes.id, text: 'Minutes' }), minutes,
          h('button', { type: 'button', class: 'move-up', text: '↑', 'aria-label': `Move up: ${item.title}`, disabled: published || index === 0, onclick: () => edit([{ op: 'move', itemId: item.id, position: index - 1 }], `${item.title} moved up`, [`li[data-item="${CSS.escape(item.id)}"] .move-up:not(:disabled)`, `li[data-item="${CSS.escape(item.id)}"] .move-down`]) }),
          h('button', { type: 'button', class: 'move-down', text: '↓', 'aria-label': `Move down: ${item.title}`, disabled: published || index === items.length - 1, onclick: () => edit([{ op: 'move', itemId: item.id, position: index + 1 }], `${item.title} moved down`, [`li[data-item="${CSS.escape(item.id)}"] .move-down:not(:disabled)`, `li[data-item="${CSS.escape(item.id)}"] .move-up`]) })));
      li.addEventListener('dragstart', (e) => {
        e.dataTransfer.setData('text/plain', item.id);
        e.dataTransfer.effectAllowed = 'move';
        li.classList.add('dragging');
      });
      li.addEventListener('dragend', () => li.classList.remove('dragging'));
      li.addEventListener('dragover', (e) => {
        e.preventDefault();
        li.classList.add('drop-target');
      });
      li.addEventListener('dragleave', () => li.classList.remove('drop-target'));
      li.addEventListener('drop', (e) => {
        e.preventDefault();
        li.classList.remove('drop-target');
        const moved = e.dataTransfer.getData('text/plain');
        if (moved && moved !== item.id && itemsById.has(moved)) edit([{ op: 'move', itemId: moved, position: index }], `${itemsById.get(moved).title} moved to position ${index + 1}`);
      });
      list.append(li);
      const pause = breakAfter.get(item.id);
      if (pause) list.append(h('li', { class: 'agenda-break', text: `Break ${time(pause.startsAt)}–${time(pause.endsAt)} (${Math.round((new Date(pause.endsAt) - new Date(pause.startsAt)) / 60000)} min)` }));
    });

    const excluded = agenda?.excluded ?? [];
    // left out items this organisation may not read either: only their number (DESIGN §2)
    const unlisted = agenda?.excludedUnlisted ?? 0;
    const actions = h('div', { class: 'form-actions' },
      !published ? h('button', { type: 'button', id: 'draft-agenda', text: agenda ? 'Draft again' : 'Draft the agenda', onclick: draft }) : null,
      agenda && !published ? h('button', { type: 'button', class: 'primary', id: 'publish-agenda', text: 'Publish', onclick: publish }) : null,
      agenda ? h('button', { type: 'button', id: 'download-md', text: 'Download .md', onclick: () => download(`/meetings/${id}/agenda.md`, 'agenda.md') }) : null,
      agenda ? h('button', { type: 'button', id: 'download-html', text: 'Download .html', onclick: () => download(`/meetings/${id}/agenda.html`, 'agenda.html') }) : null,
      agenda ? h('button', { type: 'button', id: 'download-ics', text: 'Download .ics', onclick: () => download(`/meetings/${id}/meeting.ics`, 'meeting.ics') }) : null);

    container.replaceChildren();
    append(container, [
      h('div', { class: 'case-head' }, tlpBadge(agenda?.tlp ?? meeting.tlp), h('h1', { text: meeting.title })),
      h('p', { class: 'meta', id: 'meeting-state', text: `${meeting.state} · ${when(meeting.startsAt)} – ${when(meeting.endsAt)} · ${meeting.location ?? meeting.onlineUrl ?? ''} · ${meeting.participants.join(', ')}` }),
      actions, status,
      agenda ? h('p', { class: 'meta', text: `${agenda.totalMinutes} of ${agenda.availableMinutes} minutes${agenda.overTimeMinutes ? `, ${agenda.overTimeMinutes} over time` : ''}. ${published ? '' : 'Drag items or use the arrows to reorder; change a time box in its minutes field.'}` }) : h('p', { text: 'No agenda yet: draft one from what happened since the previous meeting of the series.' }),
      agenda ? h('section', { 'aria-labelledby': 'agenda-h' }, h('h2', { id: 'agenda-h', text: 'Agenda' }), list) : null,
      agenda?.deferred?.length ? h('section', {}, h('h2', { text: 'Deferred (did not fit)' }), h('ul', {}, agenda.deferred.map((d) => h('li', { text: d.title ?? d.id })))) : null,
      excluded.length || unlisted ? h('section', { 'aria-labelledby': 'excluded-h', id: 'agenda-excluded' }, h('h2', { id: 'excluded-h', text: 'Left out for TLP' }),
        h('p', { class: 'hint', text: 'Some participant may not read these sources, so they stay off the shared agenda.' }),
        excluded.length ? h('ul', {}, excluded.map((x) => h('li', { class: 'excluded' }, h('strong', { text: x.title }), ` (${x.kind}): `, h('span', { class: 'reason', text: x.reason })))) : null,
        unlisted ? h('p', { class: 'meta', id: 'agenda-excluded-unlisted', text: `${unlisted} ${unlisted === 1 ? 'item' : 'items'} left out for TLP that your organisation may not read either: not described.` }) : null) : null,
    ]);
  };

  // edits live in the agenda: drafting again starts over from what happened, so say so first
  async function draft() {
    if (agenda && !(await confirmAction({
      title: 'Draft the agenda again?',
      message: ['A new draft replaces this agenda: the order, time boxes and every other change made to it are lost.', 'Items proposed by sector units and open action items are gathered again.'],
      action: 'Discard my edits and draft again',
      danger: true,
    }))) {
      status.textContent = 'Not drafted again: your edits are kept.';
      return;
    }
    status.textContent = 'Drafting…';
    try {
      ({ agenda } = await api(`/meetings/${id}/agenda/draft`, { method: 'POST' }));
      const leftOut = agenda.excluded.length + (agenda.excludedUnlisted ?? 0);
      status.textContent = `Drafted: ${agenda.items.length} items${leftOut ? `, ${leftOut} left out for TLP` : ''}.`;
      draw();
    } catch (error) {
      status.textContent = `Not drafted: ${error.message}`;
    }
  }

  async function publish() {
    const confirmed = await confirmAction({
      title: 'Publish the agenda?',
      message: [`It goes to ${meeting.participants.join(', ')} as an advisory under ${agenda?.tlp ?? meeting.tlp}.`, 'A published agenda can no longer be edited or drafted again.'],
      action: 'Publish to the participants',
    });
    if (!confirmed) {
      status.textContent = 'Not published.';
      return;
    }
    try {
      await api(`/meetings/${id}/publish`, { method: 'POST' });
      meeting = await api(`/meetings/${id}`);
      agenda = meeting.agenda;
      status.textContent = 'Published: the agenda went to the participants.';
      draw();
    } catch (error) {
      status.textContent = `Not published: ${error.message}`;
    }
  }

  draw();
}
