import { defineQueue } from '@isac/messaging';

export interface BriefingJobs {
  /** Daily: one compose job per subscribed organisation. */
  sweep: Record<string, never>;
  /** `until`: when the sweep ran (ISO), the end of the briefing's 24 hours whenever the job itself runs; now if absent. */
  compose: { orgId: string; day: string; until?: string };
}

/** Daily briefings (DESIGN §6); compose job ids `briefing:<org>:<day>` make a re-run send once. */
export const BRIEFINGS_QUEUE = defineQueue<BriefingJobs>({
  name: 'briefings',
  concurrency: 4,
  defaultJobOptions: { removeOnComplete: 100, removeOnFail: 200, attempts: 5, backoff: { type: 'exponential', delay: 10_000 } },
});

/** Every day at 06:00 UTC, before the working day of the network. */
export const BRIEFINGS_CRON = '0 6 * * *';
