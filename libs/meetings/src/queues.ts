import { defineQueue, type JobSchedule } from '@isac/messaging';

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

/** One scheduler id shared by every worker: any number of them keep one daily sweep. */
export const BRIEFINGS_SCHEDULE: JobSchedule<BriefingJobs> = {
  id: 'daily-briefings',
  repeat: { pattern: BRIEFINGS_CRON, tz: 'UTC' },
  job: { name: 'sweep', data: {} },
};

/** A re-run of the day's sweep adds no second compose job for an organisation: one briefing per day. */
export function composeJobId(orgId: string, day: string): string {
  return `briefing:${orgId}:${day}`;
}
