import { reminderLeadMs, sitrepSweep } from './sitrep-reminders.js';

const t0 = new Date('2026-03-01T08:00:00Z');
const at = (min: number) => new Date(t0.getTime() + min * 60_000);
const room = (every: number | null, closedAt: Date | null = null) => ({ declaredAt: t0, sitrepEveryMinutes: every, closedAt });

describe('sitrepSweep', () => {
  it('reminds the centre ahead of the due moment, a quarter of the cadence at most 15 minutes before', () => {
    expect(reminderLeadMs(240)).toBe(15 * 60_000);
    expect(reminderLeadMs(4)).toBe(60_000);
    expect(sitrepSweep(room(60), [], new Set(), at(40))).toEqual({ marks: [], reminder: null });
    expect(sitrepSweep(room(60), [], new Set(), at(46))).toEqual({ marks: [], reminder: { kind: 'due-soon', due: at(60) } });
  });

  it('marks each missed due moment once and reminds of the latest', () => {
    const first = sitrepSweep(room(30), [], new Set(), at(65));
    expect(first).toEqual({ marks: [at(30), at(60)], reminder: { kind: 'missed', due: at(60) } });
    const again = sitrepSweep(room(30), [], new Set([at(30).toISOString(), at(60).toISOString()]), at(66));
    expect(again.marks).toEqual([]);
    expect(again.reminder).toEqual({ kind: 'missed', due: at(60) });
  });

  it('a sitrep on time restarts the window: nothing missed, the next reminder comes before the next due moment', () => {
    expect(sitrepSweep(room(30), [at(29)], new Set(), at(52))).toEqual({ marks: [], reminder: { kind: 'due-soon', due: at(59) } });
    expect(sitrepSweep(room(30), [at(29)], new Set(), at(40))).toEqual({ marks: [], reminder: null });
  });

  it('nothing without a cadence or once stood down', () => {
    expect(sitrepSweep(room(null), [], new Set(), at(500))).toEqual({ marks: [], reminder: null });
    expect(sitrepSweep(room(30, at(20)), [], new Set(), at(500))).toEqual({ marks: [], reminder: null });
  });
});
