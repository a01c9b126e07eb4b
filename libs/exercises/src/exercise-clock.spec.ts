import { elapsedAt, isDue, reanchor, wallDelayMs, type ExerciseClock } from './exercise-clock.js';

const t0 = new Date('2026-03-02T09:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const started: ExerciseClock = { state: 'running', speed: 60, elapsedMs: 0, anchoredAt: t0 };

describe('exercise clock', () => {
  it('runs `speed` times the wall clock while running', () => {
    expect(elapsedAt(started, at(10))).toBe(600_000); // 10 s at ×60: ten minutes
    expect(isDue(started, 10, at(10))).toBe(true);
    expect(isDue(started, 11, at(10))).toBe(false);
    expect(wallDelayMs(started, 20, at(10))).toBe(10_000);
  });

  it('stands still while paused, and resumes from where it stopped', () => {
    const paused = reanchor(started, at(10), 'paused');
    expect(elapsedAt(paused, at(1000))).toBe(600_000);
    expect(isDue(paused, 0, at(1000))).toBe(false); // nothing plays while paused
    const resumed = reanchor(paused, at(1000), 'running');
    expect(elapsedAt(resumed, at(1005))).toBe(900_000);
  });

  it('jumps ahead on a fast-forward: injects within the jump are due at once', () => {
    const forwarded = reanchor(started, at(10), 'running', 30 * 60_000);
    expect(elapsedAt(forwarded, at(10))).toBe(40 * 60_000);
    expect(wallDelayMs(forwarded, 35, at(10))).toBe(0);
    expect(wallDelayMs(forwarded, 41, at(10))).toBe(1000);
  });

  it('before the start, nothing is due and no time passes', () => {
    const ready: ExerciseClock = { state: 'ready', speed: 1, elapsedMs: 0, anchoredAt: null };
    expect(elapsedAt(ready, at(100))).toBe(0);
    expect(isDue(ready, 0, at(100))).toBe(false);
  });
});
