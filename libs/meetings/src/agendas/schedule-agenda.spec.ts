import type { AgendaItem, BreakPolicy } from './agenda.js';
import { meetingMinutes, scheduleAgenda } from './schedule-agenda.js';

const start = new Date('2027-02-03T09:00:00.000Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const item = (id: string, minutes: number): AgendaItem => ({ id, title: id, kind: 'other', presenter: 'centre', minutes, sources: [], priority: 0, notes: [] });

describe('scheduleAgenda', () => {
  it.each<[string, number[], BreakPolicy | undefined, string, number, number]>([
    ['no policy: back to back', [60, 60, 60], undefined, 'a b c', 180, 0],
    ['a block of exactly 90 needs no break', [45, 45, 30], { everyMinutes: 90, breakMinutes: 15 }, 'a b | c', 135, 0],
    ['a break before the item that would cross 90', [60, 45, 40], { everyMinutes: 90, breakMinutes: 15 }, 'a | b c', 160, 0],
    ['an item longer than a block stands alone', [100, 100], { everyMinutes: 90, breakMinutes: 15 }, 'a | b', 215, 35],
    ['never a break before the first item or after the last', [120], { everyMinutes: 90, breakMinutes: 15 }, 'a', 120, 0],
    ['a zero policy means no breaks', [90, 90], { everyMinutes: 0, breakMinutes: 15 }, 'a b', 180, 0],
  ])('%s', (_name, minutes, breaks, layout, total, overTime) => {
    const items = minutes.map((m, i) => item(String.fromCharCode(97 + i), m));
    const timing = scheduleAgenda(items, { startsAt: start, endsAt: at(180), breaks });
    expect(timing.schedule.map((s) => (s.type === 'item' ? s.itemId : '|')).join(' ')).toBe(layout);
    expect([timing.totalMinutes, timing.availableMinutes, timing.overTimeMinutes]).toEqual([total, 180, overTime]);
    expect(timing.schedule.at(-1)?.endsAt).toEqual(at(total));
  });

  it('counts whole minutes of the meeting', () => {
    expect(meetingMinutes({ startsAt: start, endsAt: new Date(start.getTime() + 90.5 * 60_000) })).toBe(90);
    expect(meetingMinutes({ startsAt: start, endsAt: start })).toBe(0);
  });
});
