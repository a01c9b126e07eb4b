// Plots where people would rather look than read, from what the caller may read (GET /api/v1/insights).
import { api } from '../api.js';
import { h, when } from '../dom.js';
import { field, select } from '../forms.js';
import { ackPlot, adherencePlot, incidentsPlot, paintSwatches } from '../plots.js';
import { rank, TLP_LABELS, tlpBadge } from '../tlp.js';

/**
 * The strictest marking among the cases of the period the caller may read: the figures are drawn
 * from them, so they are shared no more widely than that (the composed-document rule, DESIGN §2).
 * The hub's answer holds no marking, so the console reads the same cases' labels.
 */
async function strictestSince(since) {
  let strictest = 0;
  let cursor = null;
  let pages = 0;
  do {
    const page = await api(`/incidents?since=${encodeURIComponent(since)}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    for (const c of page.cases) strictest = Math.max(strictest, rank(c.tlp));
    cursor = page.next;
    pages += 1;
  } while (cursor && pages < 25);
  // more cases than were read: say the strictest a case can be, never less
  return TLP_LABELS[cursor ? TLP_LABELS.length - 1 : strictest];
}

export async function render(main) {
  const weeks = select({ id: 'insights-weeks' }, [['4', '4 weeks'], ['12', '12 weeks'], ['26', '26 weeks'], ['52', '52 weeks']]);
  weeks.value = '12';
  const area = h('div', { class: 'plots', id: 'insights' });
  const period = h('p', { class: 'muted' });
  const marking = h('p', { class: 'insights-tlp', id: 'insights-tlp' });
  main.append(h('h1', { text: 'Insights' }), h('form', { class: 'filters' }, field('Period', weeks)), marking, period, area);
  const load = async () => {
    const data = await api(`/insights?weeks=${weeks.value}`);
    const label = data.cases ? await strictestSince(data.since) : 'TLP:CLEAR';
    marking.replaceChildren(
      tlpBadge(label),
      ` These figures are drawn from ${data.cases} ${data.cases === 1 ? 'case' : 'cases'} marked up to ${label}: share them as ${label}.`,
    );
    period.textContent = `From ${when(data.since)} to ${when(data.until)}: ${data.cases} incident ${data.cases === 1 ? 'case' : 'cases'} you may read.`;
    area.replaceChildren(incidentsPlot(data.incidentsPerWeek), adherencePlot(data.deadlineAdherence), ackPlot(data.acknowledgement));
    paintSwatches(area);
  };
  weeks.addEventListener('change', load);
  await load();
}
