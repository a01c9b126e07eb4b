// The inbox: unread first, severity and TLP on every entry, filters, mark read, acknowledge; live.
import { api } from '../api.js';
import { matchedText } from '../exposure.js';
import { announce, h, when } from '../dom.js';
import { exerciseBadge, exerciseBanner } from '../exercise.js';
import { field, select } from '../forms.js';
import { coalesce, live } from '../live.js';
import { renderMarkdown } from '../markdown.js';
import { TLP_LABELS, tlpBadge } from '../tlp.js';

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

export async function render(main, { signal }) {
  const filters = {
    unread: h('input', { type: 'checkbox', id: 'filter-unread' }),
    severity: select({ id: 'filter-severity' }, [['', 'any'], ...SEVERITY_ORDER.map((s) => [s])]),
    tlp: select({ id: 'filter-tlp' }, [['', 'any'], ...TLP_LABELS.map((t) => [t])]),
    kind: select({ id: 'filter-kind' }, [['', 'any'], ['alert', 'alerts'], ['advisory', 'advisories']]),
  };
  const list = h('ol', { class: 'entries', id: 'inbox-list', 'aria-live': 'polite' });
  const count = h('p', { class: 'muted', id: 'inbox-count' });
  const problem = h('p', { class: 'field-error', role: 'alert', id: 'inbox-problem' });
  main.append(
    h('h1', { text: 'Inbox' }),
    // on a phone the filters fold away, so the first screen shows entries (and a critical alert's Acknowledge)
    h('details', { class: 'filter-box', id: 'inbox-filters', open: !window.matchMedia('(max-width: 600px)').matches },
      h('summary', { text: 'Filters' }),
      h(
        'form',
        { class: 'filters', 'aria-label': 'Filter the inbox' },
        h('div', { class: 'field inline' }, filters.unread, h('label', { for: 'filter-unread', text: 'Unread only' })),
        field('Severity', filters.severity),
        field('TLP', filters.tlp),
        field('Kind', filters.kind),
      )),
    count,
    problem,
    list,
  );

  let entries = [];
  const load = async () => {
    const pages = [];
    let cursor = null;
    do {
      const page = await api(`/inbox?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(...page.entries);
      cursor = page.next;
    } while (cursor && pages.length < 1000);
    entries = pages;
    draw();
  };

  const draw = () => {
    const shown = entries
      .filter((e) => !filters.unread.checked || !e.readAt)
      .filter((e) => !filters.severity.value || e.advisory.severity === filters.severity.value)
      .filter((e) => !filters.tlp.value || e.advisory.tlp === filters.tlp.value)
      .filter((e) => !filters.kind.value || e.advisory.kind === filters.kind.value)
      .sort(
        (a, b) =>
          Number(!!a.readAt) - Number(!!b.readAt) ||
          SEVERITY_ORDER.indexOf(a.advisory.severity) - SEVERITY_ORDER.indexOf(b.advisory.severity) ||
          b.deliveredAt.localeCompare(a.deliveredAt),
      );
    const unread = entries.filter((e) => !e.readAt).length;
    count.textContent = `${unread} unread of ${entries.length}${shown.length !== entries.length ? `, ${shown.length} shown` : ''}`;
    list.replaceChildren(...(shown.length ? shown.map(entryItem) : [h('li', { class: 'empty', text: 'Nothing here.' })]));
  };

  const entryItem = (entry) => {
    const a = entry.advisory;
    const needsAck = a.kind === 'alert' && a.requiresAck && !entry.acknowledgedAt;
    const actions = h('div', { class: 'actions' });
    if (!entry.readAt)
      actions.append(h('button', { type: 'button', text: 'Mark read', 'aria-label': `Mark read: ${a.title}`, onclick: () => act(entry, 'read') }));
    if (needsAck)
      actions.append(
        h('button', { type: 'button', class: 'primary', text: 'Acknowledge', 'aria-label': `Acknowledge: ${a.title}`, onclick: () => act(entry, 'ack') }),
      );
    return h(
      'li',
      { class: `entry ${entry.readAt ? 'read' : 'unread'}`, 'data-entry': entry.id, 'data-exercise-item': a.exercise ? 'true' : undefined },
      h(
        'div',
        { class: 'entry-head' },
        tlpBadge(a.tlp),
        h('span', { class: `severity sev-${a.severity}`, text: a.severity }),
        a.kind === 'alert' ? h('span', { class: 'kind', text: 'alert' }) : null,
        exerciseBadge(a),
        h('h2', { class: 'entry-title', text: a.title }),
      ),
      h(
        'p',
        { class: 'meta' },
        `from ${a.author.slug ?? '?'} · ${when(entry.deliveredAt)}`,
        entry.forwardedBy ? ` · forwarded by ${entry.forwardedBy.slug}` : '',
        entry.readAt ? ' · read' : ' · unread',
        entry.acknowledgedAt ? ` · acknowledged ${when(entry.acknowledgedAt)}` : needsAck ? ` · acknowledgement due ${when(a.ackDeadline)}` : '',
      ),
      a.matched?.length
        ? h('p', { class: 'matched', 'data-matched': entry.id }, `Matched your register: ${a.matched.map(matchedText).join(' · ')}`)
        : null,
      actions,
      message(entry),
    );
  };

  // a message opened or closed stays so when a live update redraws the list; a critical alert's starts open
  const opened = new Map();
  const message = (entry) => {
    const details = h(
      'details',
      { open: opened.get(entry.id) ?? entry.advisory.severity === 'critical' },
      h('summary', { text: 'Message' }),
      exerciseBanner(entry.advisory, entry.advisory.kind),
      renderMarkdown(entry.advisory.body, { class: 'body' }),
    );
    details.addEventListener('toggle', () => opened.set(entry.id, details.open));
    return details;
  };

  const act = async (entry, what) => {
    try {
      const receipt = await api(`/inbox/${entry.id}/${what}`, { method: 'POST' });
      entry.readAt = receipt.readAt ?? entry.readAt ?? new Date().toISOString();
      entry.acknowledgedAt = receipt.acknowledgedAt;
      problem.textContent = '';
      announce(what === 'ack' ? `Acknowledged: ${entry.advisory.title}` : `Marked read: ${entry.advisory.title}`);
      draw();
    } catch (error) {
      problem.textContent = `Not done: ${error.message}`;
      announce(problem.textContent);
    }
  };

  for (const control of Object.values(filters)) control.addEventListener('change', draw);
  const reload = coalesce(load);
  live.addEventListener('inbox', (event) => {
    if (event.detail.change === 'added') announce('A new entry arrived in the inbox.');
    reload();
  }, { signal });
  live.addEventListener('resync', reload, { signal });
  await load();
}
