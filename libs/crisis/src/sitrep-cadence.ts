// When the centre promised a sitrep every N minutes (issue 19), a window that passed without one is
// "missed". Pure: computed from times alone, so the room view and a reminder job agree.

export interface SitrepCadence {
  /** the moments a sitrep was due and none came before the next one (oldest first) */
  missed: Date[];
  /** when the next sitrep is due; null without a cadence or once the room is closed */
  nextDueAt: Date | null;
  /** the latest due moment has passed and no sitrep followed it yet (the room is open) */
  overdue: boolean;
}

/**
 * Each sitrep (and the declaration) starts a new window of `everyMinutes`; every full window that
 * elapses before the next sitrep (or the stand-down, or `now`) counts as one missed sitrep. A sitrep
 * sent exactly at the due moment is on time.
 */
export function sitrepCadence(
  declaredAt: Date,
  sitrepTimes: readonly Date[],
  everyMinutes: number | null,
  now: Date,
  closedAt: Date | null = null,
): SitrepCadence {
  if (everyMinutes === null || everyMinutes <= 0) return { missed: [], nextDueAt: null, overdue: false };
  const every = everyMinutes * 60_000;
  const end = closedAt !== null && closedAt < now ? closedAt : now;
  const anchors = [declaredAt, ...sitrepTimes.filter((t) => t >= declaredAt && t <= end)].map((t) => t.getTime()).sort((a, b) => a - b);
  const missed: Date[] = [];
  anchors.forEach((from, i) => {
    const until = i + 1 < anchors.length ? anchors[i + 1] : end.getTime();
    for (let due = from + every; due < until; due += every) missed.push(new Date(due));
  });
  const last = anchors[anchors.length - 1];
  if (closedAt !== null) return { missed, nextDueAt: null, overdue: false };
  return { missed, nextDueAt: new Date(last + Math.floor((end.getTime() - last) / every) * every + every), overdue: end.getTime() > last + every };
}
