import { Injectable } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import type { QueueDefinition, QueueHandler, QueueJob } from '@isac/messaging';
import { NetworkDirectory } from '@isac/organisations';
import { networkKnowing } from './network-knowing.js';
import { deliverQueues, type DeliverJobs } from './queues.js';
import { WebhooksService } from './webhooks.service.js';

/** Serves every `deliver-<sector>` queue: the same job, one lane per sector. */
@Injectable()
export class DeliverProcessor implements QueueHandler<DeliverJobs> {
  readonly queue: QueueDefinition<DeliverJobs>[];

  constructor(
    private readonly webhooks: WebhooksService,
    private readonly directory: NetworkDirectory,
    config: AppConfig,
  ) {
    this.queue = deliverQueues(config);
  }

  async handle(job: QueueJob<DeliverJobs>) {
    // the push asks the same (per-process) directory whether the recipient may read: a member added
    // in the API seconds ago must not be dead-lettered as "not in the network" by a stale copy here
    await networkKnowing(this.directory, [job.data.orgId]);
    return this.webhooks.push({ advisoryId: job.data.advisoryId, orgId: job.data.orgId }, job.attemptsMade);
  }
}
