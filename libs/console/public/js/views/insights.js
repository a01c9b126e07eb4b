// Plots where people would rather look than read, from what the caller may read (GET /api/v1/insights).
import { api } from '../api.js';
import { h, when } from '../dom.js';
import { field, select } from '../forms.js';
import { ackPlot, adherencePlot, incidentsPlot, paintSwatches } from '../plots.js';

export async function render(main) {
  const weeks = select({ id: 'insights-weeks' }, [['4', '4 weeks'], ['12', '12 weeks'], ['26', '26 weeks'], ['52', '52 weeks']]);
  weeks.value = '12';
  const area = h('div', { class: 'plots', id: 'insights' });
  const period = h('p', { class: 'muted' });
  main.append(h('h1', { text: 'Insights' }), h('form', { class: 'filters' }, field('Period', weeks)), period, area);
  const load = async () => {
    const data = await api(`/insights?weeks=${weeks.value}`);
    period.textContent = `From ${when(data.since)} to ${when(data.until)}: ${data.cases} incident cases you may read.`;
    area.replaceChildren(incidentsPlot(data.incidentsPerWeek), adherencePlot(data.deadlineAdherence), ackPlot(data.acknowledgement));
    paintSwatches(area);
  };
  weeks.addEventListener('change', load);
  await load();
}
