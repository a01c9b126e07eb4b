// Overview of the registers for a sector unit (its sector's registers) and the centre (the network's,
// or one sector's), as the TLP policy lets them read; a member sees its own sector's as far as the
// policy lets it (its own entries and what is shared more widely): a table (#/infrastructure/overview) or the dependency graph
// (#/infrastructure/graph), both from what the API answers this key.
import { api } from '../api.js';
import { h } from '../dom.js';
import { dependencyPlot } from '../dependency-plot.js';
import { field, select } from '../forms.js';
import { paintSwatches } from '../plots.js';
import { rank, tlpBadge } from '../tlp.js';
import { CRITICALITIES, productText, providerText } from './register.js';

const SECTORS = ['telecom', 'energy', 'shipping', 'transport', 'health', 'finance'];

/** The centre picks a sector (or the whole network); a sector unit or a member sees its own sector. */
function scopePicker(me, onChange) {
  if (me.organisation.kind !== 'centre')
    return { control: null, query: () => (me.organisation.sector ? `?sector=${encodeURIComponent(me.organisation.sector)}` : '') };
  const scope = select({ id: 'infra-sector' }, [['', 'the whole network'], ...SECTORS.map((s) => [s])]);
  scope.addEventListener('change', onChange);
  return { control: h('form', { class: 'filters' }, field('Sector', scope)), query: () => (scope.value ? `?sector=${encodeURIComponent(scope.value)}` : '') };
}

const scopeText = (me, query) =>
  me.organisation.kind === 'centre'
    ? query
      ? `the ${decodeURIComponent(query.slice('?sector='.length))} sector`
      : 'the whole network'
    : `the ${me.organisation.sector} sector`;

async function sectorLookup() {
  const { organisations } = await api('/organisations');
  const sectors = new Map(organisations.map((o) => [o.slug, o.sector ?? null]));
  return (slug) => sectors.get(slug) ?? null;
}

export async function render(main, { me, view }) {
  const sectorOf = await sectorLookup();
  const area = h('div', { id: view === 'graph' ? 'infra-graph' : 'infra-overview' });
  const intro = h('p', { class: 'muted', id: 'infra-scope' });
  const picker = scopePicker(me, () => load());
  const other =
    view === 'graph'
      ? h('a', { href: '#/infrastructure/overview', text: 'The registers as a table' })
      : h('a', { href: '#/infrastructure/graph', text: 'The dependency graph' });
  main.append(h('h1', { text: view === 'graph' ? 'Dependency graph' : 'Infrastructure overview' }), picker.control, intro, h('p', {}, other), area);
  const load = async () => {
    const query = picker.query();
    if (view === 'graph') {
      const graph = await api(`/infrastructure/graph${query}`);
      intro.textContent = `The registers of ${scopeText(me, query)} as you may read them under TLP: entries addressed to you, your own, and those shared more widely.`;
      area.replaceChildren(dependencyPlot(graph, sectorOf));
      paintSwatches(area);
      return;
    }
    const { entries } = await api(`/infrastructure${query}`);
    const orgs = new Set(entries.map((e) => e.organisation.slug));
    intro.textContent = `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} of ${orgs.size} ${orgs.size === 1 ? 'organisation' : 'organisations'} in ${scopeText(me, query)} that you may read under TLP.`;
    const sorted = [...entries].sort(
      (a, b) =>
        (sectorOf(a.organisation.slug) ?? '').localeCompare(sectorOf(b.organisation.slug) ?? '') ||
        a.organisation.slug.localeCompare(b.organisation.slug) ||
        CRITICALITIES.indexOf(b.criticality) - CRITICALITIES.indexOf(a.criticality) ||
        a.name.localeCompare(b.name),
    );
    const strictest = sorted.reduce((m, e) => Math.max(m, rank(e.tlp)), -1);
    area.replaceChildren(
      sorted.length
        ? h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'stack', id: 'overview-table' },
              h('caption', { text: `Register entries${strictest >= 0 ? ' (each with its own TLP)' : ''}` }),
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ['Name', 'Organisation', 'Sector', 'Kind', 'Criticality', 'Products', 'Depends on', 'TLP'].map((t) => h('th', { scope: 'col', text: t })),
                ),
              ),
              h(
                'tbody',
                {},
                sorted.map((e) =>
                  h(
                    'tr',
                    { 'data-entry': e.id },
                    h('th', { scope: 'row', text: e.name }),
                    h('td', { 'data-label': 'Organisation', text: e.organisation.slug }),
                    h('td', { 'data-label': 'Sector', text: sectorOf(e.organisation.slug) ?? 'centre' }),
                    h('td', { 'data-label': 'Kind', text: e.kind }),
                    h('td', { 'data-label': 'Criticality', text: e.criticality }),
                    h(
                      'td',
                      { 'data-label': 'Products' },
                      e.products.length ? e.products.map((p) => h('div', { class: 'mono', title: p, text: productText(p) })) : '—',
                    ),
                    h('td', { 'data-label': 'Depends on', text: e.dependsOn.map(providerText).join(', ') || '—' }),
                    h('td', { 'data-label': 'TLP' }, tlpBadge(e.tlp)),
                  ),
                ),
              ),
            ),
          )
        : h('p', { id: 'overview-empty', text: 'No register entries you may read here.' }),
    );
  };
  await load();
}
