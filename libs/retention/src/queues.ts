// The retention context's queue, named once (STYLE rule 9).
import { defineQueue, type JobSchedule } from '@isac/messaging';

export interface RetentionJobs {
  /** makes the partitions of the months ahead, then removes what is past each kind's retention */
  run: Record<string, never>;
}

/** One run at a time per worker; runs of two workers take turns on an advisory lock (RetentionLockRepository). */
export const RETENTION_QUEUE = defineQueue<RetentionJobs>({
  name: 'retention',
  concurrency: 1,
  defaultJobOptions: { removeOnComplete: 10, removeOnFail: 50, attempts: 3, backoff: { type: 'exponential', delay: 60_000 } },
});

/**
 * Daily at 03:17 UTC, off the hour when other jobs start. Partitions are made three months ahead,
 * so a worker away for weeks leaves nothing refused: a month nobody made lands in the default partition.
 */
export const RETENTION_SCHEDULE: JobSchedule<RetentionJobs> = { id: 'retention', repeat: { pattern: '17 3 * * *', tz: 'UTC' }, job: { name: 'run', data: {} } };
