import { defineQueue } from '@isac/messaging';

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
