import type { AppConfig } from '@isac/config';
import { defineQueue, type JobSchedule } from '@isac/messaging';

export interface TaxiiJobs {
  /** process one POSTed envelope (§5.5); the job id is the status id, so a retry is the same job */
  'add-objects': { statusId: string };
  /** scheduled: envelopes still pending long after their POST (job lost with Redis, or out of attempts) */
  redrive: Record<string, never>;
}

export const TAXII_QUEUE = defineQueue<TaxiiJobs>({
  name: 'taxii',
  concurrency: 2,
  defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 1000 },
});

/** The re-drive sweep, every RECONCILE_AFTER_MS; one scheduler id shared by every worker. */
export function taxiiRedriveSchedule(config: Pick<AppConfig, 'RECONCILE_AFTER_MS'>): JobSchedule<TaxiiJobs> {
  return { id: 'taxii-redrive', repeat: { every: config.RECONCILE_AFTER_MS }, job: { name: 'redrive', data: {} } };
}

/** `add-objects` of a POST: the status id, so a retry is the same job. */
export function addObjectsJobId(statusId: string): string {
  return statusId;
}

/** `add-objects` re-tried later while the envelope waits on another (a new id each time: not swallowed by the first). */
export function waitingJobId(statusId: string, at: number): string {
  return `${statusId}-wait-${at}`;
}

/** `add-objects` of an envelope woken when the one it waited on is done. */
export function wokenJobId(statusId: string, by: string): string {
  return `${statusId}-wake-${by}`;
}
