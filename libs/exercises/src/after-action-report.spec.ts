import { afterActionReport, sectorComparison, type AfterActionFacts } from './after-action-report.js';

const t = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute));
const facts: AfterActionFacts = {
  title: 'Carrier outage',
  tlp: 'TLP:AMBER',
  speed: 60,
  state: 'running',
  startedAt: t(0),
  now: t(50),
  injects: [
    { position: 0, at: 0, kind: 'major-incident', title: 'Backbone down', playedAt: t(0), error: null },
    { position: 1, at: 10, kind: 'alert', title: 'Reroute | now', playedAt: t(1), error: null },
    { position: 2, at: 20, kind: 'case', title: 'Lost links', playedAt: null, error: 'no such member' },
  ],
  alerts: [
    {
      title: 'Reroute | now',
      playedAt: t(1),
      receipts: [
        { organisation: 'energy', sector: 'energy', deliveredAt: t(1), ackedAt: t(4) },
        { organisation: 'telecom', sector: 'telecom', deliveredAt: t(1), ackedAt: null },
      ],
    },
  ],
  majorIncident: { title: 'Backbone down', declaredAt: t(0), sectors: ['energy', 'telecom'], missedSitreps: [t(30)], statuses: [{ sector: 'energy', at: t(7), state: 'degraded' }, { sector: 'energy', at: t(2), state: 'affected' }] },
};

describe('after-action report', () => {
  it('compares sectors: acknowledgement and the time from the inject to the first status', () => {
    expect(sectorComparison(facts)).toEqual([
      { sector: 'energy', delivered: 1, acknowledged: 1, meanMinutesToAck: 3, minutesToFirstStatus: 2 },
      { sector: 'telecom', delivered: 1, acknowledged: 0, meanMinutesToAck: null, minutesToFirstStatus: null },
    ]);
  });

  it('says it is an exercise, lists who acknowledged what and when, the missed sitreps and failed injects', () => {
    const md = afterActionReport(facts);
    expect(md.split('\n')[0]).toBe('# EXERCISE — After-action report: Carrier outage');
    expect(md).toContain('**TLP:AMBER** · exercise (not a real incident)');
    expect(md).toContain(`| energy | energy | ${t(4).toISOString()} | 3 min |`);
    expect(md).toContain('| telecom | telecom | — | — |');
    expect(md).toContain(`Missed sitreps: 1 (due ${t(30).toISOString()}).`);
    expect(md).toContain('| 2 | 20 | case | Lost links | failed: no such member |');
    // a table cell never breaks the table
    expect(md).toContain('### Reroute \\| now');
    expect(md).toContain('| energy | 1 | 1 | 3 min | 2 min |');
  });
});
