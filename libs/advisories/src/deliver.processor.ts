import { Injectable } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import type { QueueDefinition, QueueHandler, QueueJob } from '@isac/messaging';
import { deliverQueues, type DeliverJobs } from './queues.js';
import { WebhooksService } from './webhooks.service.js';

/** Serves every `deliver-<sector>` queue: the same job, one lane per sector. */
@Injectable()
export class DeliverProcessor implements QueueHandler<DeliverJobs> {
  readonly queue: QueueDefinition<DeliverJobs>[];

  constructor(
    private readonly webhooks: WebhooksService,
    config: AppConfig,
  ) {
    this.queue = deliverQueues(config);
  }

  handle(job: QueueJob<DeliverJobs>) {
    return this.webhooks.push({ advisoryId: job.data.advisoryId, orgId: job.data.orgId }, job.attemptsMade);
  }
}
