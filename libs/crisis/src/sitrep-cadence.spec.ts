import { sitrepCadence } from './sitrep-cadence.js';

const T0 = Date.parse('2026-03-01T08:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const iso = (d: Date | null) => (d === null ? null : `+${(d.getTime() - T0) / 60_000}m`);

describe('sitrepCadence', () => {
  // declared at +0m; sitreps at the minutes given; now at `now`; closed at `closed` (else open)
  const table: { name: string; every: number | null; sitreps: number[]; now: number; closed?: number; missed: string[]; next: string | null; overdue: boolean }[] = [
    { name: 'no cadence: nothing is ever missed', every: null, sitreps: [], now: 600, missed: [], next: null, overdue: false },
    { name: 'within the first window', every: 30, sitreps: [], now: 29, missed: [], next: '+30m', overdue: false },
    { name: 'exactly at the due moment is not yet missed', every: 30, sitreps: [], now: 30, missed: [], next: '+60m', overdue: false },
    { name: 'the first window passed without a sitrep', every: 30, sitreps: [], now: 31, missed: ['+30m'], next: '+60m', overdue: true },
    { name: 'sitreps on time restart the window', every: 30, sitreps: [25, 50], now: 70, missed: [], next: '+80m', overdue: false },
    { name: 'a sitrep at the due moment is on time', every: 30, sitreps: [30], now: 40, missed: [], next: '+60m', overdue: false },
    { name: 'one missed, then a late sitrep', every: 30, sitreps: [50], now: 60, missed: ['+30m'], next: '+80m', overdue: false },
    { name: 'two windows missed in one gap', every: 20, sitreps: [65], now: 70, missed: ['+20m', '+40m', '+60m'], next: '+85m', overdue: false },
    { name: 'stood down: windows after the stand-down do not count', every: 30, sitreps: [20], now: 500, closed: 45, missed: [], next: null, overdue: false },
    { name: 'stood down late: what was missed before stays', every: 30, sitreps: [], now: 500, closed: 70, missed: ['+30m', '+60m'], next: null, overdue: false },
    { name: 'unsorted sitrep times are read in order', every: 30, sitreps: [50, 10], now: 55, missed: ['+40m'], next: '+80m', overdue: false },
  ];
  it.each(table)('$name', ({ every, sitreps, now, closed, missed, next, overdue }) => {
    const result = sitrepCadence(at(0), sitreps.map(at), every, at(now), closed === undefined ? null : at(closed));
    expect({ missed: result.missed.map(iso), next: iso(result.nextDueAt), overdue: result.overdue }).toEqual({ missed, next, overdue });
  });
});
