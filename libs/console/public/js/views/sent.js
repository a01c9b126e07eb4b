// What the caller's organisation sent, each with its receipts counted (GET /advisories/:id gives the author the receipts).
import { api } from '../api.js';
import { h, when } from '../dom.js';
import { exerciseBadge } from '../exercise.js';
import { tlpBadge } from '../tlp.js';

/** Runs `work` over `items`, at most `width` at a time (a list of 100 should not open 100 requests at once). */
async function eachLimited(items, width, work) {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(width, queue.length) }, async () => {
    while (queue.length) await work(queue.shift());
  }));
}

export function receiptCounts(a) {
  const receipts = a.receipts ?? [];
  const acked = receipts.filter((r) => r.acknowledgedAt).length;
  const read = receipts.filter((r) => r.readAt).length;
  if (!receipts.length) return a.routed === false ? 'routing…' : 'no recipients yet';
  return a.requiresAck
    ? `${acked} of ${receipts.length} acknowledged · ${read} read`
    : `${read} of ${receipts.length} read${acked ? ` · ${acked} acknowledged` : ''}`;
}

export async function render(main, { me, signal }) {
  const { advisories } = await api(`/advisories?author=${encodeURIComponent(me.organisation.slug)}&limit=100`);
  const counts = new Map();
  main.append(
    h('h1', { text: 'Sent and receipts' }),
    ...(me.organisation.kind === 'centre' ? [h('p', {}, h('a', { href: '#/alerts/new', class: 'button primary', text: 'Issue an alert' }))] : []),
    advisories.length
      ? h(
          'ol',
          { class: 'entries', id: 'sent-list' },
          advisories.map((a) => {
            const count = h('span', { class: 'receipt-count', text: 'receipts…' });
            counts.set(a.id, count);
            return h(
              'li',
              { class: 'entry', 'data-advisory': a.id },
              h(
                'div',
                { class: 'entry-head' },
                tlpBadge(a.tlp),
                h('span', { class: `severity sev-${a.severity}`, text: a.severity }),
                a.kind === 'alert' ? h('span', { class: 'kind', text: 'alert' }) : null,
                exerciseBadge(a),
                h('h2', { class: 'entry-title' }, h('a', { href: `#/advisories/${a.id}`, text: a.title })),
              ),
              h('p', { class: 'meta' }, `${when(a.createdAt)} · `, count),
            );
          }),
        )
      : h('p', { text: 'Nothing sent yet.' }),
  );
  await eachLimited(advisories, 4, async (a) => {
    if (signal?.aborted) return;
    try {
      counts.get(a.id).textContent = receiptCounts(await api(`/advisories/${a.id}`));
    } catch {
      counts.get(a.id).textContent = 'receipts not available';
    }
  });
}
