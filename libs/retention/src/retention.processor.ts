import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { QueueProducer, type QueueHandler } from '@isac/messaging';
import { RetentionService, type RetentionReport } from './retention.service.js';
import { RETENTION_QUEUE, RETENTION_SCHEDULE, type RetentionJobs } from './queues.js';

/** Thin: the daily job hands over to the retention run. Registers its schedule when the worker boots. */
@Injectable()
export class RetentionProcessor implements QueueHandler<RetentionJobs>, OnApplicationBootstrap {
  readonly queue = RETENTION_QUEUE;

  constructor(
    private readonly retention: RetentionService,
    private readonly producer: QueueProducer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.producer.schedule(RETENTION_QUEUE, RETENTION_SCHEDULE);
  }

  handle(): Promise<RetentionReport> {
    return this.retention.run();
  }
}
