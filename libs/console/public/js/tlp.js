// FIRST TLP 2.0 labels: coloured text on a black box (https://www.first.org/tlp/), the colours the
// standard gives, so the label reads the same in the console, in exports and on paper.
import { h } from './dom.js';

export const TLP_LABELS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];

export const TLP_RULES = {
  'TLP:CLEAR': 'Anyone may read it, also outside the network.',
  'TLP:GREEN': 'Every organisation of the network may read it.',
  'TLP:AMBER': 'The author, the organisations you name and their members may read it.',
  'TLP:AMBER+STRICT': 'The author and the organisations you name only, never their members; named organisations only, never forwarded.',
  'TLP:RED': 'The author and the named organisations only: never forwarded, never in others\' agendas or digests. Named organisations only.',
};

const slug = (label) => label.replace('TLP:', '').replace('+', '-').toLowerCase();

export function rank(label) {
  return TLP_LABELS.indexOf(label);
}

/**
 * The label as an element. `data-tlp` marks the label of content on screen, which the page header
 * sums up; a label shown only to explain a choice (`{ content: false }`) does not count.
 */
export function tlpBadge(label, { content = true } = {}) {
  const known = TLP_LABELS.includes(label) ? label : 'TLP:AMBER+STRICT';
  return h('span', { class: `tlp tlp-${slug(known)}`, [content ? 'data-tlp' : 'data-tlp-example']: known, text: known });
}

/** The page header shows the strictest label on screen when it is AMBER or stricter. */
export function watchPageTlp(main, header) {
  const update = () => {
    let strictest = -1;
    for (const el of main.querySelectorAll('[data-tlp]')) strictest = Math.max(strictest, rank(el.dataset.tlp));
    const show = strictest >= rank('TLP:AMBER');
    header.hidden = !show;
    header.replaceChildren(...(show ? [h('span', { class: 'page-tlp-text', text: 'This page holds ' }), tlpBadge(TLP_LABELS[strictest])] : []));
  };
  new MutationObserver(update).observe(main, { childList: true, subtree: true });
  update();
}
