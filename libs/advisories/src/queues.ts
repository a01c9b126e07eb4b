// The advisories context's queues, named once (STYLE rule 9).
import { createHash } from 'node:crypto';
import type { AppConfig } from '@isac/config';
import { defineQueue, type QueueDefinition } from '@isac/messaging';
import { SECTORS } from '@isac/organisations';

export interface RouteJobs {
  /**
   * The advisories of one relay step, up to ROUTE_JOB_SIZE a job: BullMQ's own work per job (adding,
   * moving to active, to completed) then costs a fraction per advisory. `advisoryId` alone is the
   * shape of one advisory a job, which jobs queued before that change still have.
   */
  route: { advisoryIds: string[] } | { advisoryId: string };
}

/** As many advisories as the router writes in one statement (RouteBatcher's batch). */
export const ROUTE_JOB_SIZE = 128;

export interface DeliverJobs {
  push: { advisoryId: string; orgId: string };
}

/**
 * Job id = its advisories (with their re-drive counts), so the relay handing the same advisories
 * twice collapses into one job, and a reconciler re-drive (`redrives` + 1) is not swallowed by a job
 * stuck with a dead worker. Routing an advisory twice writes nothing twice (inbox entries are unique),
 * so a job that holds an advisory another job holds too only costs the work. Completed and failed
 * jobs are dropped: PostgreSQL, not Redis, records what is finished.
 */
export const ROUTE_QUEUE = defineQueue<RouteJobs>({
  name: 'route',
  // high: jobs running together are routed in one statement (RouterService), so more in flight = bigger batches
  concurrency: 512,
  defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: true, removeOnFail: true },
});

export function routeJobId(advisories: readonly { advisoryId: string; redrives: number }[]): string {
  if (advisories.length === 1) {
    const [{ advisoryId, redrives }] = advisories;
    return redrives > 0 ? `${advisoryId}-r${redrives}` : advisoryId;
  }
  const hash = createHash('sha256');
  for (const { advisoryId, redrives } of advisories) hash.update(`${advisoryId}-r${redrives},`);
  return `batch-${hash.digest('base64url')}`;
}

/** The advisories a route job names, in either shape. */
export function routeJobAdvisories(data: RouteJobs['route']): string[] {
  return 'advisoryIds' in data ? data.advisoryIds : [data.advisoryId];
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
