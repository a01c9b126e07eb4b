import { defineQueue, type JobSchedule } from '@isac/messaging';

export interface IncidentClockJobs {
  sweep: Record<string, never>;
}

/** The incident clocks, swept on a schedule (one scheduler id shared by every worker). */
export const INCIDENT_CLOCKS_QUEUE = defineQueue<IncidentClockJobs>({
  name: 'incident-clocks',
  concurrency: 1,
  defaultJobOptions: { removeOnComplete: 10, removeOnFail: 50, attempts: 3, backoff: { type: 'exponential', delay: 5_000 } },
});

export const INCIDENT_CLOCKS_EVERY_MS = 5 * 60_000;

/** One scheduler id shared by every worker: any number of them keep one sweep. */
export const INCIDENT_CLOCKS_SCHEDULE: JobSchedule<IncidentClockJobs> = {
  id: 'incident-clocks',
  repeat: { every: INCIDENT_CLOCKS_EVERY_MS },
  job: { name: 'sweep', data: {} },
};
