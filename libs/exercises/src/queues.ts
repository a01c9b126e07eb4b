// The exercises context's queue, named once (STYLE rule 9).
import { defineQueue } from '@isac/messaging';

export interface ExerciseJobs {
  /** plays every inject of the exercise due by now, in order; `generation` names the schedule it belongs to */
  play: { exerciseId: string; generation: number };
}

/**
 * Injects play as delayed jobs, one per inject, each due when the exercise clock reaches it. One at
 * a time (concurrency 1): a job plays whatever is due, so injects due together play in the
 * scenario's order. A pause, resume or fast-forward bumps the generation and schedules anew; jobs
 * of an older generation find nothing to do.
 */
export const EXERCISE_QUEUE = defineQueue<ExerciseJobs>({
  name: 'exercise-injects',
  concurrency: 1,
  defaultJobOptions: { removeOnComplete: true, removeOnFail: 100, attempts: 3, backoff: { type: 'exponential', delay: 1_000 } },
});

export function playJobId(exerciseId: string, generation: number, position: number): string {
  return `exercise-${exerciseId}-g${generation}-${position}`;
}
