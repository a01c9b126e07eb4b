import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { QueueProducer, type QueueHandler, type QueueJob } from '@isac/messaging';
import { BriefingService } from './briefing.service.js';
import { BRIEFINGS_QUEUE, BRIEFINGS_SCHEDULE, composeJobId, type BriefingJobs } from '../queues.js';

/** Thin: the daily sweep fans out one job per subscribed organisation; each job sends one briefing. */
@Injectable()
export class BriefingProcessor implements QueueHandler<BriefingJobs>, OnApplicationBootstrap {
  readonly queue = BRIEFINGS_QUEUE;

  constructor(
    private readonly briefings: BriefingService,
    private readonly producer: QueueProducer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.producer.schedule(BRIEFINGS_QUEUE, BRIEFINGS_SCHEDULE);
  }

  async handle(job: QueueJob<BriefingJobs>): Promise<unknown> {
    if (job.name === 'compose') {
      const { orgId, day, until } = job.data as BriefingJobs['compose'];
      return this.briefings.send(orgId, day, until ? new Date(until) : new Date());
    }
    // The day and the window end are those of the sweep's run, not of job.timestamp: BullMQ creates a
    // scheduler's next job when the previous one runs, so its timestamp is a day early. A compose job
    // retried or held up later still covers the same 24 hours, so nothing falls between two days.
    const sweptAt = new Date();
    const day = sweptAt.toISOString().slice(0, 10);
    const until = sweptAt.toISOString();
    const orgIds = await this.briefings.subscribedOrgIds();
    await this.producer.addBulk(
      BRIEFINGS_QUEUE,
      orgIds.map((orgId) => ({ name: 'compose', data: { orgId, day, until }, opts: { jobId: composeJobId(orgId, day) } })),
    );
    return { day, organisations: orgIds.length };
  }
}
