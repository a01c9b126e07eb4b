// FIRST TLP 2.0 labels: coloured text on a black box (https://www.first.org/tlp/), the colours the
// standard gives, so the label reads the same in the console, in exports and on paper.
import { api } from './api.js';
import { h } from './dom.js';

export const TLP_LABELS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];

// what a recipient may do with it, worded for someone choosing a marking
const FORWARDING = {
  anyone: 'It may be passed on to anyone.',
  network: 'It may be passed on within the network.',
  'own-members': 'A recipient may forward it to its own members only.',
  never: 'It is never forwarded.',
};

let rules = null;

/** What each marking means, as the hub's policy says (GET /api/v1/tlp): fetched once, by label. */
export function markingRules() {
  rules ??= api('/tlp').then(
    ({ markings }) => new Map(markings.map((m) => [m.label, m])),
    (error) => {
      rules = null; // asked again next time
      throw error;
    },
  );
  return rules;
}

/** The rule of one marking in two or three sentences: who reads it, forwarding, audience. */
export function describeRule(rule) {
  if (!rule) return '';
  return [rule.readers, FORWARDING[rule.forwarding], rule.audience === 'named-organisations' ? 'Named organisations only.' : ''].filter(Boolean).join(' ');
}

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
