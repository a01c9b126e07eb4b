// The author's live receipt board: delivered / read / acknowledged per recipient, webhook failures.
import { api } from '../api.js';
import { announce, h, when } from '../dom.js';
import { coalesce, live } from '../live.js';
import { tlpBadge } from '../tlp.js';

function status(r) {
  if (r.acknowledgedAt) return 'acknowledged';
  if (r.readAt) return 'read';
  return 'delivered';
}

export async function render(main, { params, signal }) {
  const head = h('div', { class: 'case-head' });
  const summary = h('p', { class: 'summary', id: 'receipt-summary', role: 'status' });
  const body = h('tbody', {});
  const meta = h('p', { class: 'meta' });
  main.append(
    h('p', {}, h('a', { href: '#/sent', text: '← Sent and receipts' })),
    head, meta, summary,
    h('div', { class: 'table-wrap' }, h('table', { class: 'receipts', id: 'receipt-board' },
      h('caption', { text: 'Receipts per recipient (updates live)' }),
      h('thead', {}, h('tr', {}, ['Recipient', 'Status', 'Delivered', 'Read', 'Acknowledged', 'Webhook'].map((t) => h('th', { scope: 'col', text: t })))),
      body)),
  );

  let previous = new Map();
  const load = async () => {
    const a = await api(`/advisories/${params.id}`);
    // an advisory's marking and title never change: the head is drawn once, so live reloads leave it (and any focus) alone
    if (!head.firstChild) head.replaceChildren(tlpBadge(a.tlp), h('span', { class: `severity sev-${a.severity}`, text: a.severity }), h('h1', { text: a.title }));
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
    summary.textContent = !a.routed && receipts.length === 0
      ? 'Routing…'
      : `${receipts.length} delivered · ${read} read · ${acked} acknowledged${failed ? ` · ${failed} webhook failure${failed > 1 ? 's' : ''}` : ''}${retrying ? ` · ${retrying} webhook retrying` : ''}`;
    body.replaceChildren(...receipts.map((r) => {
      const st = status(r);
      if (previous.has(r.organisation.slug) && previous.get(r.organisation.slug) !== st) announce(`${r.organisation.slug}: ${st}`);
      const hook = r.webhook ? h('span', { class: `webhook webhook-${r.webhook.state}`, text: `${r.webhook.state}${r.webhook.attempts ? ` (${r.webhook.attempts} tries)` : ''}${r.webhook.lastError ? `: ${r.webhook.lastError}` : ''}` }) : '—';
      return h('tr', { 'data-recipient': r.organisation.slug },
        h('th', { scope: 'row', text: r.organisation.slug }),
        h('td', {}, h('span', { class: `state state-${st}`, text: st })),
        h('td', { text: when(r.deliveredAt) }), h('td', { text: when(r.readAt) }), h('td', { text: when(r.acknowledgedAt) }), h('td', {}, hook));
    }));
    previous = new Map(receipts.map((r) => [r.organisation.slug, status(r)]));
  };
  const reload = coalesce(load);
  live.addEventListener('receipt', (event) => event.detail.advisoryId === params.id && reload(), { signal });
  live.addEventListener('resync', reload, { signal });
  await load();
  // the first receipts arrive when the worker has routed the advisory: that, too, comes as receipt events
}
