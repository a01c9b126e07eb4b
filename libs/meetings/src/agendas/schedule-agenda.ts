// Lays items out in time from the meeting's start, inserting breaks, and says how far the result
// runs past the meeting's end. Used by drafting (to decide what fits) and by every edit (to report
// over-time instead of cutting).
import type { AgendaItem, BreakPolicy, Meeting, ScheduleSlot } from './agenda.js';

const MINUTE_MS = 60_000;

export interface AgendaTiming {
  schedule: ScheduleSlot[];
  totalMinutes: number;
  availableMinutes: number;
  overTimeMinutes: number;
}

export function meetingMinutes(meeting: Pick<Meeting, 'startsAt' | 'endsAt'>): number {
  return Math.max(0, Math.floor((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / MINUTE_MS));
}

/**
 * A break goes in before an item that would stretch the block since the last break past
 * `everyMinutes` — so breaks fall between items, never inside one, and never at the very start
 * or end. An item longer than the whole block simply runs as a block of its own.
 */
function needsBreak(policy: BreakPolicy | undefined, blockMinutes: number, nextMinutes: number): boolean {
  if (policy === undefined || policy.everyMinutes <= 0 || policy.breakMinutes <= 0) return false;
  return blockMinutes > 0 && blockMinutes + nextMinutes > policy.everyMinutes;
}

export function scheduleAgenda(items: readonly AgendaItem[], meeting: Pick<Meeting, 'startsAt' | 'endsAt' | 'breaks'>): AgendaTiming {
  const schedule: ScheduleSlot[] = [];
  let cursor = meeting.startsAt.getTime();
  let blockMinutes = 0;
  for (const item of items) {
    if (needsBreak(meeting.breaks, blockMinutes, item.minutes)) {
      const breakEnd = cursor + meeting.breaks!.breakMinutes * MINUTE_MS;
      schedule.push({ type: 'break', startsAt: new Date(cursor), endsAt: new Date(breakEnd) });
      cursor = breakEnd;
      blockMinutes = 0;
    }
    const end = cursor + item.minutes * MINUTE_MS;
    schedule.push({ type: 'item', itemId: item.id, startsAt: new Date(cursor), endsAt: new Date(end) });
    cursor = end;
    blockMinutes += item.minutes;
  }
  const totalMinutes = Math.round((cursor - meeting.startsAt.getTime()) / MINUTE_MS);
  const availableMinutes = meetingMinutes(meeting);
  return { schedule, totalMinutes, availableMinutes, overTimeMinutes: Math.max(0, totalMinutes - availableMinutes) };
}
