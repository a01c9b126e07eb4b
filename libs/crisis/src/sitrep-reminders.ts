// What the sitrep sweep does for one open room (issue 19): mark each due moment that passed without a
// sitrep once on the room's timeline, and remind the centre of the sitrep coming due or overdue.
// Pure: from the room's times alone, so the sweep, the room view and the report agree.
import { sitrepCadence } from './sitrep-cadence.js';

/** How long before a due moment the centre is reminded: a quarter of the cadence, at most 15 minutes. */
export function reminderLeadMs(everyMinutes: number): number {
  return Math.min(15 * 60_000, (everyMinutes * 60_000) / 4);
}

export type SitrepReminder = { kind: 'due-soon' | 'missed'; due: Date };

export interface SweepDecision {
  /** due moments to mark as missed on the timeline (those not marked yet) */
  marks: Date[];
  /** the reminder the centre should have now (its idempotency key names the due moment: sent once) */
  reminder: SitrepReminder | null;
}

export function sitrepSweep(
  room: { declaredAt: Date; sitrepEveryMinutes: number | null; closedAt: Date | null },
  sitrepTimes: readonly Date[],
  markedDue: ReadonlySet<string>,
  now: Date,
): SweepDecision {
  const cadence = sitrepCadence(room.declaredAt, sitrepTimes, room.sitrepEveryMinutes, now, room.closedAt);
  if (room.sitrepEveryMinutes === null || room.closedAt !== null) return { marks: [], reminder: null };
  const marks = cadence.missed.filter((d) => !markedDue.has(d.toISOString()));
  const latestMissed = cadence.missed[cadence.missed.length - 1];
  // overdue: the latest due moment passed without a sitrep; the reminder names it, so one is sent per missed moment
  if (cadence.overdue && latestMissed) return { marks, reminder: { kind: 'missed', due: latestMissed } };
  const next = cadence.nextDueAt;
  if (next && next.getTime() - now.getTime() <= reminderLeadMs(room.sitrepEveryMinutes)) return { marks, reminder: { kind: 'due-soon', due: next } };
  return { marks, reminder: null };
}
