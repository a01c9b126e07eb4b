// The dependency graph of the register entries the caller may read (GET /infrastructure/graph) as an
// accessible SVG: organisations on the left, the providers they depend on on the right, a line per
// pair (thicker for more entries, solid for high or critical ones, dashed otherwise), single points
// of failure marked in words; a text summary and the data as tables, as the other plots.
import { h, s } from './dom.js';
import { figure, SECTOR_COLOURS, table } from './plots.js';

const RANK = { low: 0, medium: 1, high: 2, critical: 3 };
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const providerOf = (nodeId) => nodeId.replace(/^org:/, '').replace(/^external:/, 'external:');

/** Who depends on whom, by pair of organisations and by pair of sectors, from the graph's nodes and edges. */
export function dependencies(graph, sectorOf) {
  const entries = new Map(graph.nodes.filter((n) => n.type === 'entry').map((n) => [n.id, n]));
  const rows = [];
  for (const edge of graph.edges.filter((e) => e.type === 'depends-on')) {
    const entry = entries.get(edge.from);
    if (!entry) continue;
    const provider = providerOf(edge.to);
    const external = provider.startsWith('external:');
    rows.push({ entry, holder: entry.organisation, provider, providerLabel: external ? `${provider.slice(9)} (external)` : provider,
      fromSector: sectorOf(entry.organisation) ?? 'centre', toSector: external ? 'external suppliers' : sectorOf(provider) ?? 'centre' });
  }
  const pairs = new Map();
  for (const r of rows) {
    const key = `${r.holder}\u0000${r.provider}`;
    const pair = pairs.get(key) ?? { holder: r.holder, provider: r.provider, providerLabel: r.providerLabel, entries: 0, top: 0 };
    pair.entries += 1;
    pair.top = Math.max(pair.top, RANK[r.entry.criticality] ?? 0);
    pairs.set(key, pair);
  }
  const sectors = new Map();
  for (const r of rows) {
    const key = `${r.fromSector}\u0000${r.toSector}`;
    const pair = sectors.get(key) ?? { from: r.fromSector, to: r.toSector, entries: 0 };
    pair.entries += 1;
    sectors.set(key, pair);
  }
  return {
    rows,
    pairs: [...pairs.values()],
    sectors: [...sectors.values()].sort((a, b) => b.entries - a.entries || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
  };
}

export function graphSummary(graph, deps) {
  const holders = new Set(deps.rows.map((r) => r.holder));
  const providers = new Set(deps.rows.map((r) => r.provider));
  const entries = graph.nodes.filter((n) => n.type === 'entry').length;
  if (!entries) return 'No register entries you may read.';
  const depending = new Set(deps.rows.map((r) => r.entry.id)).size;
  const parts = [
    `${plural(entries, 'entry', 'entries')} you may read, ${depending} of them with dependencies: on ${plural(providers.size, 'provider')}, from ${plural(holders.size, 'organisation')}.`,
  ];
  const across = deps.sectors.filter((p) => p.from !== p.to);
  if (across.length) parts.push(`Between sectors: ${across.map((p) => `${p.from} depends on ${p.to} (${plural(p.entries, 'entry', 'entries')})`).join('; ')}.`);
  const spofs = graph.singlePointsOfFailure;
  parts.push(
    spofs.length
      ? `Single points of failure: ${spofs.map((p) => `${p.provider.startsWith('external:') ? `${p.provider.slice(9)} (external)` : p.provider} — ${plural(p.criticalDependents, 'high or critical entry', 'high or critical entries')} of ${p.organisations.join(', ')}`).join('; ')}.`
      : 'No single point of failure among the entries you may read.',
  );
  return parts.join(' ');
}

export function dependencyPlot(graph, sectorOf) {
  const deps = dependencies(graph, sectorOf);
  const spof = new Set(graph.singlePointsOfFailure.map((p) => p.provider));
  const holders = [...new Set(deps.pairs.map((p) => p.holder))].sort((a, b) => (sectorOf(a) ?? '').localeCompare(sectorOf(b) ?? '') || a.localeCompare(b));
  const providers = [...new Map(deps.pairs.map((p) => [p.provider, p.providerLabel]))].sort(
    (a, b) => Number(spof.has(b[0])) - Number(spof.has(a[0])) || a[1].localeCompare(b[1]),
  );
  const W = 760,
    rowH = 36,
    T = 34,
    L = 220,
    R = 430;
  const H = T + Math.max(1, holders.length, providers.length) * rowH + 10;
  const yOf = (list, i) => T + i * rowH + rowH / 2;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, id: 'dependency-svg' });
  svg.append(
    s('text', { x: L, y: 18, 'text-anchor': 'end', 'font-size': 13, 'font-weight': 700 }, 'Depends'),
    s('text', { x: R, y: 18, 'font-size': 13, 'font-weight': 700 }, 'Is depended on'),
  );
  for (const pair of deps.pairs) {
    const y1 = yOf(holders, holders.indexOf(pair.holder));
    const y2 = yOf(
      providers,
      providers.findIndex(([p]) => p === pair.provider),
    );
    svg.append(
      s(
        'line',
        {
          x1: L + 8,
          y1,
          x2: R - 8,
          y2,
          stroke: '#4b5563',
          'stroke-width': Math.min(6, 1 + pair.entries),
          'stroke-dasharray': pair.top >= RANK.high ? null : '6 4',
          class: 'dep-edge',
        },
        s(
          'title',
          {},
          `${pair.holder} depends on ${pair.providerLabel}: ${plural(pair.entries, 'entry', 'entries')}, the most critical ${Object.keys(RANK)[pair.top]}`,
        ),
      ),
    );
  }
  holders.forEach((slug, i) => {
    const y = yOf(holders, i);
    const sector = sectorOf(slug) ?? 'centre';
    svg.append(
      s('rect', { x: L + 2, y: y - 5, width: 10, height: 10, fill: SECTOR_COLOURS[sector] ?? '#999' }),
      s('text', { x: L - 4, y: y + 4, 'text-anchor': 'end', 'font-size': 13 }, `${slug} (${sector})`),
    );
  });
  providers.forEach(([provider, label], i) => {
    const y = yOf(providers, i);
    const sector = provider.startsWith('external:') ? null : sectorOf(provider) ?? 'centre';
    const weak = spof.has(provider);
    svg.append(
      s('rect', { x: R - 12, y: y - 5, width: 10, height: 10, fill: sector ? (SECTOR_COLOURS[sector] ?? '#999') : '#fff', stroke: '#333' }),
      s(
        'text',
        { x: R + 4, y: weak ? y : y + 4, 'font-size': 13, 'font-weight': weak ? 700 : 400 },
        `${weak ? '⚠ ' : ''}${label}${sector ? ` (${sector})` : ''}`,
      ),
    );
    if (weak) svg.append(s('text', { x: R + 4, y: y + 13, 'font-size': 11 }, 'single point of failure'));
  });
  const summary = graphSummary(graph, deps);
  const tables = h('div', {},
    h('h3', { text: 'Entries and their providers' }),
    table(
      ['Entry', 'Organisation', 'Sector', 'Criticality', 'Depends on'],
      graph.nodes
        .filter((n) => n.type === 'entry')
        .map((n) => [
          n.label,
          n.organisation,
          sectorOf(n.organisation) ?? 'centre',
          n.criticality,
          deps.rows
            .filter((r) => r.entry.id === n.id)
            .map((r) => r.providerLabel)
            .join(', ') || '—',
        ]),
    ),
    h('h3', { text: 'Sectors depending on sectors' }),
    table(['Sector', 'Depends on', 'Entries'], deps.sectors.map((p) => [p.from, p.to, String(p.entries)])),
    h('h3', { text: 'Single points of failure' }),
    table(
      ['Provider', 'High or critical entries', 'Organisations'],
      graph.singlePointsOfFailure.map((p) => [
        p.provider.startsWith('external:') ? `${p.provider.slice(9)} (external)` : p.provider,
        String(p.criticalDependents),
        p.organisations.join(', '),
      ]),
    ),
  );
  const fig = figure('plot-dependencies', 'Dependencies between organisations and providers', summary, svg, tables);
  fig.insertBefore(h('ul', { class: 'legend' },
    h('li', { text: 'Solid line: a high or critical entry depends on it' }), h('li', { text: 'Dashed line: only low or medium entries' }),
    h('li', { text: 'Thicker: more entries' }), h('li', { text: '⚠: single point of failure' })), fig.querySelector('p.hint'));
  return fig;
}
