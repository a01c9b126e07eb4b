import { defineQueue, type JobSchedule } from '@isac/messaging';

export interface SitrepReminderJobs {
  sweep: Record<string, never>;
}

/** The rooms' sitrep cadences, swept on a schedule (one scheduler id shared by every worker). */
export const SITREP_REMINDERS_QUEUE = defineQueue<SitrepReminderJobs>({
  name: 'sitrep-reminders',
  concurrency: 1,
  defaultJobOptions: { removeOnComplete: 10, removeOnFail: 50, attempts: 3, backoff: { type: 'exponential', delay: 5_000 } },
});

/** A cadence is counted in minutes: sweeping each minute marks a missed sitrep within a minute of its due moment. */
export const SITREP_REMINDERS_EVERY_MS = 60_000;

/** One scheduler id shared by every worker: any number of them keep one sweep. */
export const SITREP_REMINDERS_SCHEDULE: JobSchedule<SitrepReminderJobs> = {
  id: 'sitrep-reminders',
  repeat: { every: SITREP_REMINDERS_EVERY_MS },
  job: { name: 'sweep', data: {} },
};
