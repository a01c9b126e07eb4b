// The exercise clock (issue 19): exercise time runs `speed` times faster than the wall clock while
// the exercise runs, stands still while it is paused, and jumps ahead on a fast-forward. Stored as
// the exercise time elapsed up to an anchor instant, plus the speed since then.
export interface ExerciseClock {
  state: 'ready' | 'running' | 'paused' | 'purged';
  speed: number;
  /** exercise time elapsed up to `anchoredAt` (ms) */
  elapsedMs: number;
  /** the wall-clock instant `elapsedMs` was measured at; null before the start */
  anchoredAt: Date | null;
}

/** Exercise time elapsed at `now` (ms). */
export function elapsedAt(clock: ExerciseClock, now: Date): number {
  if (clock.state !== 'running' || clock.anchoredAt === null) return clock.elapsedMs;
  return clock.elapsedMs + Math.max(0, now.getTime() - clock.anchoredAt.getTime()) * clock.speed;
}

/** The clock re-anchored at `now` (the elapsed time carried over), in `state`. */
export function reanchor(clock: ExerciseClock, now: Date, state: ExerciseClock['state'], extraMs = 0): ExerciseClock {
  return { ...clock, state, elapsedMs: elapsedAt(clock, now) + extraMs, anchoredAt: now };
}

/** How long after `now` (wall-clock ms) an inject at `atMinutes` of exercise time is due; 0 when it is due already. */
export function wallDelayMs(clock: ExerciseClock, atMinutes: number, now: Date): number {
  const remaining = atMinutes * 60_000 - elapsedAt(clock, now);
  return remaining <= 0 ? 0 : Math.ceil(remaining / clock.speed);
}

/** Whether an inject at `atMinutes` is due at `now`. */
export function isDue(clock: ExerciseClock, atMinutes: number, now: Date): boolean {
  return clock.state === 'running' && elapsedAt(clock, now) >= atMinutes * 60_000;
}
