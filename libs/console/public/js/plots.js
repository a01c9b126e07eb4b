// Small accessible SVG plots: each is a figure with a title, a text summary (desc) and its data as a table.
import { counted, h, s } from './dom.js';

// Okabe-Ito colours: told apart with the common colour-vision deficiencies
export const SECTOR_COLOURS = {
  telecom: '#0072B2',
  energy: '#E69F00',
  shipping: '#56B4E9',
  transport: '#009E73',
  health: '#CC79A7',
  finance: '#D55E00',
  centre: '#000000',
};
const colourOf = (sector) => SECTOR_COLOURS[sector] ?? '#999999';
let uid = 0;

export function figure(id, title, summary, svg, table) {
  const n = ++uid;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `plot-t${n} plot-d${n}`);
  svg.prepend(s('title', { id: `plot-t${n}` }, title), s('desc', { id: `plot-d${n}` }, summary));
  return h(
    'figure',
    { class: 'plot card', id },
    h('figcaption', { text: title }),
    svg,
    h('p', { class: 'hint', text: summary }),
    h('details', {}, h('summary', { text: 'Data table' }), h('div', { class: 'table-wrap' }, table)),
  );
}

export const table = (head, rows) =>
  h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        head.map((t) => h('th', { scope: 'col', text: t })),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          r.map((c, i) => (i === 0 ? h('th', { scope: 'row', text: c }) : h('td', { text: c }))),
        ),
      ),
    ),
  );
const legend = (entries) =>
  h(
    'ul',
    { class: 'legend' },
    entries.map(([label, colour]) => h('li', {}, h('span', { class: 'swatch', 'data-colour': colour }), label)),
  );
// CSP forbids style attributes in markup; colours of swatches are set through the CSSOM
export function paintSwatches(root) {
  for (const el of root.querySelectorAll('.swatch[data-colour]')) el.style.background = el.dataset.colour;
}

export function incidentsPlot(data) {
  const W = 640, H = 260, L = 36, B = 40, T = 10, R = 10;
  const totals = data.weeks.map((_, i) => data.sectors.reduce((sum, x) => sum + x.counts[i], 0));
  const max = Math.max(1, ...totals);
  const bw = (W - L - R) / data.weeks.length;
  const y = (v) => H - B - (v / max) * (H - B - T);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}` });
  for (const tick of [...new Set([0, Math.ceil(max / 2), max])]) {
    svg.append(
      s('line', { x1: L, x2: W - R, y1: y(tick), y2: y(tick), stroke: '#c9ccd1' }),
      s('text', { x: L - 6, y: y(tick) + 4, 'text-anchor': 'end', 'font-size': 13 }, String(tick)),
    );
  }
  data.weeks.forEach((week, i) => {
    let base = 0;
    for (const x of data.sectors) {
      const v = x.counts[i];
      if (!v) continue;
      svg.append(
        s(
          'rect',
          { x: L + i * bw + 2, width: Math.max(1, bw - 4), y: y(base + v), height: y(base) - y(base + v), fill: colourOf(x.sector) },
          s('title', {}, `${x.sector}, week of ${week.slice(0, 10)}: ${v}`),
        ),
      );
      base += v;
    }
    if (i % Math.ceil(data.weeks.length / 6) === 0)
      svg.append(s('text', { x: L + i * bw + bw / 2, y: H - B + 16, 'text-anchor': 'middle', 'font-size': 13 }, week.slice(5, 10)));
  });
  const total = totals.reduce((a, b) => a + b, 0);
  const busiest = data.sectors.map((x) => [x.sector, x.counts.reduce((a, b) => a + b, 0)]).sort((a, b) => b[1] - a[1])[0];
  const summary = total
    ? `${counted(total, 'incident')} in ${counted(data.weeks.length, 'week')}; most from ${busiest[0]} (${busiest[1]}).`
    : `No incidents you may read in the last ${counted(data.weeks.length, 'week')}.`;
  const fig = figure(
    'plot-incidents',
    'Incidents per sector and week',
    summary,
    svg,
    table(
      ['Week of', ...data.sectors.map((x) => x.sector)],
      data.weeks.map((w, i) => [w.slice(0, 10), ...data.sectors.map((x) => String(x.counts[i]))]),
    ),
  );
  fig.insertBefore(legend(data.sectors.map((x) => [x.sector, colourOf(x.sector)])), fig.querySelector('p.hint'));
  return fig;
}

const ADHERENCE = [['met', 'met in time', '#1d6b2a'], ['late', 'submitted late', '#b35c00'], ['overdue', 'overdue', '#a40000'], ['open', 'open', '#8a8f98']];

export function adherencePlot(rows) {
  const W = 640, rowH = 34, L = 150, R = 10;
  const H = Math.max(1, rows.length) * rowH + 10;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}` });
  rows.forEach((row, i) => {
    const total = ADHERENCE.reduce((sum, [k]) => sum + row[k], 0) || 1;
    let x = L;
    svg.append(s('text', { x: L - 8, y: i * rowH + 22, 'text-anchor': 'end', 'font-size': 14 }, row.clock));
    for (const [key, label, colour] of ADHERENCE) {
      const w = (row[key] / total) * (W - L - R);
      if (!w) continue;
      svg.append(s('rect', { x, y: i * rowH + 6, width: w, height: rowH - 12, fill: colour }, s('title', {}, `${row.clock}: ${row[key]} ${label}`)));
      if (w > 22) svg.append(s('text', { x: x + w / 2, y: i * rowH + 22, 'text-anchor': 'middle', 'font-size': 14, fill: '#fff' }, String(row[key])));
      x += w;
    }
  });
  const met = rows.reduce((a, r) => a + r.met, 0), late = rows.reduce((a, r) => a + r.late, 0), overdue = rows.reduce((a, r) => a + r.overdue, 0);
  const summary = rows.length ? `${counted(met, 'deadline')} met in time, ${late} submitted late, ${overdue} overdue.` : 'No deadlines of cases you may read.';
  const fig = figure(
    'plot-adherence',
    'NIS2 deadline adherence',
    summary,
    svg,
    table(
      ['Report', ...ADHERENCE.map(([, l]) => l)],
      rows.map((r) => [r.clock, ...ADHERENCE.map(([k]) => String(r[k]))]),
    ),
  );
  fig.insertBefore(legend(ADHERENCE.map(([, l, c]) => [l, c])), fig.querySelector('p.hint'));
  return fig;
}

export function ackPlot(ack) {
  const W = 640, rowH = 30, L = 110, R = 60;
  const rows = ack.perSector;
  const H = Math.max(1, rows.length) * rowH + 10;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}` });
  rows.forEach((r, i) => {
    const w = (r.rate ?? 0) * (W - L - R);
    svg.append(
      s('text', { x: L - 8, y: i * rowH + 20, 'text-anchor': 'end', 'font-size': 14 }, r.sector),
      s('rect', { x: L, y: i * rowH + 6, width: W - L - R, height: rowH - 12, fill: '#e3e7ee' }),
      s(
        'rect',
        { x: L, y: i * rowH + 6, width: w, height: rowH - 12, fill: colourOf(r.sector) },
        s('title', {}, `${r.sector}: ${r.acknowledged} of ${r.delivered}`),
      ),
      s('text', { x: W - R + 6, y: i * rowH + 20, 'font-size': 14 }, r.rate === null ? '—' : `${Math.round(r.rate * 100)} %`),
    );
  });
  const summary = rows.length
    ? `${counted(ack.alerts, 'alert')} requiring acknowledgement; ` +
      rows.map((r) => `${r.sector} ${r.rate === null ? 'none delivered' : Math.round(r.rate * 100) + ' %'}`).join(', ') +
      '.'
    : 'No alerts of yours requiring acknowledgement in this period (receipts are shown to the author only).';
  return figure(
    'plot-ack',
    'Alert acknowledgement rate per sector',
    summary,
    svg,
    table(
      ['Sector', 'Delivered', 'Acknowledged', 'Rate'],
      rows.map((r) => [r.sector, String(r.delivered), String(r.acknowledged), r.rate === null ? '—' : `${Math.round(r.rate * 100)} %`]),
    ),
  );
}
