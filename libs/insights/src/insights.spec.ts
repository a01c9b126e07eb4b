import { ackRatePerSector, deadlineAdherence, incidentsPerSectorWeek, weekStart, windowStart, type CaseFacts } from './insights.js';

const now = new Date('2026-12-02T15:00:00Z'); // a Wednesday
const aCase = (sector: string, awareAt: string, deadlines: CaseFacts['deadlines'] = []): CaseFacts => ({ sector, awareAt: new Date(awareAt), deadlines });

describe('weeks', () => {
  it('start on Monday 00:00 UTC', () => {
    expect(weekStart(now).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(weekStart(new Date('2026-11-29T23:59:59Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z'); // Sunday
    expect(windowStart(3, now).toISOString()).toBe('2026-11-16T00:00:00.000Z');
  });
});

describe('incidentsPerSectorWeek', () => {
  it('counts cases by the week they became aware of, per sector, and leaves out what is outside the window', () => {
    const result = incidentsPerSectorWeek(
      [aCase('energy', '2026-12-01T10:00:00Z'), aCase('energy', '2026-11-30T00:00:00Z'), aCase('health', '2026-11-20T08:00:00Z'), aCase('energy', '2026-11-15T23:00:00Z')],
      3,
      now,
    );
    expect(result.weeks).toEqual(['2026-11-16T00:00:00.000Z', '2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z']);
    expect(result.sectors).toEqual([
      { sector: 'energy', counts: [0, 0, 2] },
      { sector: 'health', counts: [1, 0, 0] },
    ]);
  });
});

describe('deadlineAdherence', () => {
  it('sorts every deadline into met, late, overdue or open per clock', () => {
    const d = (clock: string, submittedAt: string | null, late: boolean, overdue: boolean) => ({ clock, submittedAt, late, overdue });
    const rows = deadlineAdherence([
      aCase('energy', '2026-11-01T00:00:00Z', [d('early-warning', '2026-11-01T05:00:00Z', false, false), d('notification', null, false, true)]),
      aCase('health', '2026-11-01T00:00:00Z', [d('early-warning', '2026-11-03T00:00:00Z', true, false), d('notification', null, false, false)]),
    ]);
    expect(rows).toEqual([
      { clock: 'early-warning', met: 1, late: 1, overdue: 0, open: 0 },
      { clock: 'notification', met: 0, late: 0, overdue: 1, open: 1 },
    ]);
  });
});

describe('ackRatePerSector', () => {
  it('adds receipts of the same sector; a sector with nothing delivered has no rate', () => {
    expect(
      ackRatePerSector([
        { sector: 'energy', delivered: 4, acknowledged: 1 },
        { sector: 'health', delivered: 3, acknowledged: 3 },
        { sector: 'energy', delivered: 4, acknowledged: 3 },
        { sector: 'telecom', delivered: 0, acknowledged: 0 },
      ]),
    ).toEqual([
      { sector: 'energy', delivered: 8, acknowledged: 4, rate: 0.5 },
      { sector: 'health', delivered: 3, acknowledged: 3, rate: 1 },
      { sector: 'telecom', delivered: 0, acknowledged: 0, rate: null },
    ]);
  });
});
