import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { QueueProducer, type QueueHandler, type QueueJob } from '@isac/messaging';
import { TAXII_QUEUE, taxiiRedriveSchedule, type TaxiiJobs } from './queues.js';
import { TaxiiIngestService } from './taxii-ingest.service.js';

/** Thin BullMQ processor of the `taxii` queue: hands each POSTed envelope, and the re-drive sweep, to the use case. */
@Injectable()
export class TaxiiIngestProcessor implements QueueHandler<TaxiiJobs>, OnApplicationBootstrap {
  readonly queue = TAXII_QUEUE;

  constructor(
    private readonly ingest: TaxiiIngestService,
    private readonly producer: QueueProducer,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // PostgreSQL holds every pending envelope: a Redis that lost its queues loses no status
    await this.producer.schedule(TAXII_QUEUE, taxiiRedriveSchedule(this.config));
  }

  async handle(job: QueueJob<TaxiiJobs>): Promise<void> {
    if (job.name === 'redrive') {
      await this.ingest.redriveStalled(new Date(Date.now() - this.config.RECONCILE_AFTER_MS));
      return;
    }
    await this.ingest.process((job.data as TaxiiJobs['add-objects']).statusId);
  }
}
