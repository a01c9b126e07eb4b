// The author's live receipt board: delivered / read / acknowledged per recipient, webhook failures.
import { api } from '../api.js';
import { announce, append, clear, h, when } from '../dom.js';
import { exerciseBadge, exerciseBanner } from '../exercise.js';
import { coalesce, live } from '../live.js';
import { renderMarkdown } from '../markdown.js';
import { tlpBadge } from '../tlp.js';

function status(r) {
  if (r.acknowledgedAt) return 'acknowledged';
  if (r.readAt) return 'read';
  return 'delivered';
}

// recipients grouped as the network is: the centre, then each sector (its unit and members)
function sectorOf(slug, orgs) {
  const org = orgs.get(slug);
  if (!org) return 'other';
  if (org.kind === 'centre') return 'centre';
  return org.sector ?? orgs.get(org.parent)?.sector ?? org.parent ?? 'other';
}

export async function render(main, { params, signal }) {
  const head = h('div', { class: 'case-head' });
  const summary = h('p', { class: 'summary', id: 'receipt-summary', role: 'status' });
  const counted = h('p', { class: 'summary', id: 'receipt-unnamed', hidden: true });
  const table = h('table', { class: 'receipts', id: 'receipt-board' });
  const meta = h('p', { class: 'meta' });
  const sent = h('details', { class: 'sent-message', id: 'receipt-body' }, h('summary', { text: 'The message sent' }));
  const outstanding = h('input', { type: 'checkbox', id: 'receipts-outstanding' });
  main.append(
    h('p', {}, h('a', { href: '#/sent', text: '← Sent and receipts' })),
    head, meta, sent, summary, counted,
    h('div', { class: 'receipt-tools' }, h('div', { class: 'field inline' }, outstanding, h('label', { for: outstanding.id, text: 'Outstanding only' }))),
    h('div', { class: 'table-wrap' }, table),
  );
  const { organisations } = await api('/organisations');
  const orgs = new Map(organisations.map((o) => [o.slug, o]));

  let previous = new Map();
  let last = null;
  const load = async () => {
    const a = await api(`/advisories/${params.id}`);
    last = a;
    // an advisory's marking, title and body never change: drawn once, so live reloads leave them (and any focus) alone
    if (!head.firstChild) {
      // append() skips a real advisory's absent badge; replaceChildren would print "null"
      append(clear(head), [
        tlpBadge(a.tlp),
        h('span', { class: `severity sev-${a.severity}`, text: a.severity }),
        exerciseBadge(a),
        h('h1', { text: a.title }),
      ]);
      const banner = exerciseBanner(a, a.kind);
      if (banner) head.before(banner);
      sent.append(renderMarkdown(a.body, { class: 'body sent-body' }));
      sent.open = a.severity === 'critical';
    }
    meta.textContent = `${a.kind} by ${a.author.slug} · ${when(a.createdAt)}${a.ackDeadline ? ` · acknowledge by ${when(a.ackDeadline)}` : ''}`;
    if (!a.receipts) {
      summary.textContent = 'Receipts are shown to the author only.';
      return;
    }
    const receipts = [...a.receipts].sort((x, y) => (x.organisation.slug ?? '').localeCompare(y.organisation.slug ?? ''));
    const acked = receipts.filter((r) => r.acknowledgedAt).length;
    const read = receipts.filter((r) => r.readAt).length;
    const failed = receipts.filter((r) => r.webhook?.state === 'dead-lettered').length;
    const retrying = receipts.filter((r) => r.webhook?.state === 'pending' && r.webhook.lastError).length;
    summary.textContent =
      !a.routed && receipts.length === 0
        ? 'Routing…'
        : `${receipts.length} delivered · ${read} read · ${acked} acknowledged${failed ? ` · ${failed} webhook failure${failed > 1 ? 's' : ''}` : ''}${retrying ? ` · ${retrying} webhook retrying` : ''}`;
    // issue 18: recipients found in registers the author may not read are counted, never named
    const unnamed = a.exposure?.unnamedReceipts;
    counted.hidden = !unnamed?.delivered;
    counted.textContent = unnamed?.delivered
      ? `Plus ${unnamed.delivered} not named (registers you may not read): ${unnamed.read} read · ${unnamed.acknowledged} acknowledged.`
      : '';
    for (const r of receipts) {
      const st = status(r);
      if (previous.has(r.organisation.slug) && previous.get(r.organisation.slug) !== st) announce(`${r.organisation.slug}: ${st}`);
    }
    previous = new Map(receipts.map((r) => [r.organisation.slug, status(r)]));
    draw();
  };

  // outstanding: not yet acknowledged when the alert asks for it, else not yet read
  const isOutstanding = (r) => (last?.requiresAck ? !r.acknowledgedAt : !r.readAt);
  const draw = () => {
    if (!last?.receipts) return;
    const shown = last.receipts.filter((r) => !outstanding.checked || isOutstanding(r));
    const groups = new Map();
    for (const r of shown) {
      const sector = sectorOf(r.organisation.slug, orgs);
      if (!groups.has(sector)) groups.set(sector, []);
      groups.get(sector).push(r);
    }
    const order = [...groups.keys()].sort((x, y) => (x === 'centre' ? -1 : y === 'centre' ? 1 : x.localeCompare(y)));
    // within a sector its unit first, then the members by name
    const rank = (r) => (orgs.get(r.organisation.slug)?.kind === 'sector-unit' ? 0 : 1);
    table.replaceChildren(
      h('caption', { text: `Receipts per recipient by sector${outstanding.checked ? ', outstanding only' : ''} (updates live)` }),
      h('thead', {}, h('tr', {}, ['Recipient', 'Status', 'Delivered', 'Read', 'Acknowledged', 'Webhook'].map((t) => h('th', { scope: 'col', text: t })))),
      ...order.map((sector) => {
        const rows = groups.get(sector).sort((x, y) => rank(x) - rank(y) || (x.organisation.slug ?? '').localeCompare(y.organisation.slug ?? ''));
        const done = rows.filter((r) => !isOutstanding(r)).length;
        return h(
          'tbody',
          { 'data-sector': sector },
          h(
            'tr',
            { class: 'group-row' },
            h('th', { scope: 'rowgroup', colspan: 6, text: `${sector} · ${done} of ${rows.length} ${last.requiresAck ? 'acknowledged' : 'read'}` }),
          ),
          rows.map(row),
        );
      }),
      shown.length ? null : h('tbody', {}, h('tr', {}, h('td', { colspan: 6, text: outstanding.checked ? 'Nothing outstanding.' : 'No receipts yet.' }))),
    );
  };
  const row = (r) => {
    const st = status(r);
    const hook = r.webhook
      ? h('span', {
          class: `webhook webhook-${r.webhook.state}`,
          text: `${r.webhook.state}${r.webhook.attempts ? ` (${r.webhook.attempts} ${r.webhook.attempts === 1 ? 'try' : 'tries'})` : ''}${r.webhook.lastError ? `: ${r.webhook.lastError}` : ''}`,
        })
      : '—';
    return h(
      'tr',
      { 'data-recipient': r.organisation.slug },
      h('th', { scope: 'row', text: r.organisation.slug }),
      h('td', {}, h('span', { class: `state state-${st}`, text: st })),
      h('td', { text: when(r.deliveredAt) }), h('td', { text: when(r.readAt) }), h('td', { text: when(r.acknowledgedAt) }), h('td', {}, hook));
  };
  outstanding.addEventListener('change', draw);
  const reload = coalesce(load);
  live.addEventListener('receipt', (event) => event.detail.advisoryId === params.id && reload(), { signal });
  live.addEventListener('resync', reload, { signal });
  await load();
  // the first receipts arrive when the worker has routed the advisory: that, too, comes as receipt events
}
