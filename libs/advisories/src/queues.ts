// The advisories context's queues, named once (STYLE rule 9).
import type { AppConfig } from '@isac/config';
import { defineQueue, type QueueDefinition } from '@isac/messaging';
import { SECTORS } from '@isac/organisations';

export interface RouteJobs {
  route: { advisoryId: string };
}

export interface DeliverJobs {
  push: { advisoryId: string; orgId: string };
}

/**
 * Job id = advisory id, so the relay handing the same advisory twice collapses into one job; a
 * reconciler re-drive gets `<id>-r<n>` so it is not swallowed by a job stuck with a dead worker.
 * Completed and failed jobs are dropped: PostgreSQL, not Redis, records what is finished.
 */
export const ROUTE_QUEUE = defineQueue<RouteJobs>({
  name: 'route',
  // high: jobs running together are routed in one statement (RouterService), so more in flight = bigger batches
  concurrency: 512,
  defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: true, removeOnFail: true },
});

export function routeJobId(advisoryId: string, redrives: number): string {
  return redrives > 0 ? `${advisoryId}-r${redrives}` : advisoryId;
}

/** Job id of the push of one inbox entry: one per (advisory, organisation), so a push is queued once. */
export function pushJobId(push: { advisoryId: string; orgId: string }): string {
  return `push-${push.advisoryId}-${push.orgId}`;
}

/** One webhook lane per sector and one for the centre: a sector whose endpoints fail never holds up another. */
export const DELIVERY_LANES = [...SECTORS, 'centre'] as const;

export function deliverQueueName(sector: string | null): string {
  return `deliver-${sector ?? 'centre'}`;
}

export function deliverQueues(config: Pick<AppConfig, 'WEBHOOK_RATE_PER_SECOND'>): QueueDefinition<DeliverJobs>[] {
  return DELIVERY_LANES.map((lane) =>
    defineQueue<DeliverJobs>({
      name: deliverQueueName(lane === 'centre' ? null : lane),
      concurrency: 8,
      limiter: { max: config.WEBHOOK_RATE_PER_SECOND, duration: 1000 },
      defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
    }),
  );
}
