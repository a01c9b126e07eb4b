// The agenda as a list the coordinator edits — reorder (drag or buttons), time boxes, remove, add by
// hand, put a proposal on it — and as a plain list for everyone else. Used for the draft and for a
// correction of the published agenda: `edit(operations, message, refocus)` sends to the right one.
import { confirmAction } from '../dialog.js';
import { counted, h } from '../dom.js';
import { field } from '../forms.js';
import { tlpBadge } from '../tlp.js';

const time = (at) => new Date(at).toLocaleTimeString(undefined, { timeStyle: 'short' });

/** The items in order with their breaks; controls only when `editable`. */
export function agendaList(agenda, { editable, edit, status }) {
  const itemsById = new Map((agenda?.items ?? []).map((i) => [i.id, i]));
  const startOf = new Map((agenda?.schedule ?? []).filter((s) => s.type === 'item').map((s) => [s.itemId, s.startsAt]));
  // breaks stand after the item they follow; they are the schedule's, not items to move
  const breakAfter = new Map();
  (agenda?.schedule ?? []).forEach((slot, i, schedule) => {
    if (slot.type === 'break' && i > 0 && schedule[i - 1].type === 'item') breakAfter.set(schedule[i - 1].itemId, slot);
  });
  const list = h('ol', { class: 'agenda', id: 'agenda-items' });
  const at = (item) => `li[data-item="${CSS.escape(item.id)}"]`;
  (agenda?.items ?? []).forEach((item, index, items) => {
    const minutes = h('input', { type: 'number', min: 1, value: item.minutes, class: 'minutes', id: `minutes-${index}`, disabled: !editable });
    minutes.addEventListener('change', () => {
      const value = Number(minutes.value);
      if (value >= 1 && value !== item.minutes) edit([{ op: 'setTimeBox', itemId: item.id, minutes: value }], `${item.title}: ${counted(value, 'minute')}`);
      else if (value < 1) status.textContent = 'A time box needs at least 1 minute.';
    });
    const remove = async () => {
      const confirmed = await confirmAction({
        title: 'Remove this item?',
        message: [
          `"${item.title}" leaves the agenda.`,
          item.kind === 'proposal'
            ? 'The proposal stays listed below and can be put on the agenda again.'
            : 'Drafting again would bring a drafted item back; an item added by hand is gone.',
        ],
        action: 'Remove the item',
        danger: true,
      });
      if (!confirmed) {
        status.textContent = `Not removed: ${item.title}.`;
        return;
      }
      edit([{ op: 'remove', itemId: item.id }], `${item.title} removed`);
    };
    const li = h('li', { class: 'agenda-item', draggable: editable ? 'true' : undefined, 'data-item': item.id },
      h('span', { class: 'grip', 'aria-hidden': 'true', text: '⠿' }),
      h(
        'div',
        { class: 'agenda-main' },
        h(
          'h3',
          { class: 'agenda-title' },
          item.title,
          ' ',
          item.sources.map((s) => (s.tlp ? tlpBadge(s.tlp) : null)),
        ),
        h('p', {
          class: 'meta',
          text: `${startOf.has(item.id) ? time(startOf.get(item.id)) + ' · ' : ''}presented by ${item.presenter}${item.sources.length ? ` · ${item.sources.length} ${item.sources.length === 1 ? 'source' : 'sources'}` : ''}`,
        }),
      ),
      h(
        'div',
        { class: 'agenda-controls' },
        h('label', { for: minutes.id, text: 'Minutes' }),
        minutes,
        h('button', {
          type: 'button',
          class: 'move-up',
          text: '↑',
          'aria-label': `Move up: ${item.title}`,
          disabled: !editable || index === 0,
          onclick: () =>
            edit([{ op: 'move', itemId: item.id, position: index - 1 }], `${item.title} moved up`, [
              `${at(item)} .move-up:not(:disabled)`,
              `${at(item)} .move-down`,
            ]),
        }),
        h('button', {
          type: 'button',
          class: 'move-down',
          text: '↓',
          'aria-label': `Move down: ${item.title}`,
          disabled: !editable || index === items.length - 1,
          onclick: () =>
            edit([{ op: 'move', itemId: item.id, position: index + 1 }], `${item.title} moved down`, [
              `${at(item)} .move-down:not(:disabled)`,
              `${at(item)} .move-up`,
            ]),
        }),
        editable ? h('button', { type: 'button', class: 'remove-item', text: 'Remove', 'aria-label': `Remove: ${item.title}`, onclick: remove }) : null,
      ),
    );
    if (editable) {
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
        if (moved && moved !== item.id && itemsById.has(moved))
          edit([{ op: 'move', itemId: moved, position: index }], `${itemsById.get(moved).title} moved to position ${index + 1}`);
      });
    }
    list.append(li);
    const pause = breakAfter.get(item.id);
    if (pause)
      list.append(
        h('li', {
          class: 'agenda-break',
          text: `Break ${time(pause.startsAt)}–${time(pause.endsAt)} (${Math.round((new Date(pause.endsAt) - new Date(pause.startsAt)) / 60000)} min)`,
        }),
      );
  });
  return list;
}

/** An item written by the coordinator for this meeting: title, presenter (a participant), minutes. */
export function addItemForm(participants, { edit, status }) {
  const title = h('input', { type: 'text', required: true, maxlength: 300 });
  const presenter = h('select', {}, participants.map((slug) => h('option', { value: slug, text: slug })));
  const minutes = h('input', { type: 'number', min: 1, value: 10, required: true });
  const form = h('form', { class: 'card inline-form', id: 'add-item-form' },
    h('h3', { text: 'Add an item' }),
    field('Title', title, { id: 'add-item-title' }),
    field('Presented by', presenter, { id: 'add-item-presenter' }),
    field('Minutes', minutes, { id: 'add-item-minutes' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', text: 'Add to the agenda' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = title.value.trim();
    if (!text) {
      status.textContent = 'Not added: an item needs a title.';
      title.focus();
      return;
    }
    await edit([{ op: 'add', item: { title: text, presenter: presenter.value, minutes: Number(minutes.value) } }], `${text} added`, [
      `#agenda-items > li[data-item]:last-of-type .move-up`,
    ]);
  });
  return form;
}

const PLACES = { 'on-agenda': 'on the agenda', deferred: 'deferred (did not fit)', 'left-out': 'left out for TLP', 'not-on-agenda': 'not on the agenda' };

/** The participants' proposals; the coordinator puts one on the agenda where it is not yet. */
export function proposalList(proposals, { canAccept, edit }) {
  if (!proposals.length) return h('p', { class: 'meta', id: 'proposals-none', text: 'No items proposed yet.' });
  return h(
    'ul',
    { class: 'proposals', id: 'proposal-list' },
    proposals.map((p) =>
      h(
        'li',
        { class: 'proposal', 'data-proposal': p.id },
        tlpBadge(p.tlp),
        ' ',
        h('strong', { text: p.title }),
        h('span', { class: 'meta', text: ` · ${p.author}${p.minutes ? ` · ${p.minutes} min` : ''}${p.place ? ` · ${PLACES[p.place] ?? p.place}` : ''}` }),
        canAccept && (p.place === 'not-on-agenda' || p.place === 'deferred')
          ? h('button', {
              type: 'button',
              class: 'accept-proposal',
              text: 'Put on the agenda',
              'aria-label': `Put on the agenda: ${p.title}`,
              onclick: () => edit([{ op: 'accept', proposalId: p.id }], `${p.title} is on the agenda`),
            })
          : null,
      ),
    ),
  );
}
