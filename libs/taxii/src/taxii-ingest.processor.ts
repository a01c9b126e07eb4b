import { Injectable } from '@nestjs/common';
import type { QueueHandler, QueueJob } from '@isac/messaging';
import { TAXII_QUEUE, type TaxiiJobs } from './queues.js';
import { TaxiiIngestService } from './taxii-ingest.service.js';

/** Thin BullMQ processor of the `taxii` queue: hands each POSTed envelope to the use case. */
@Injectable()
export class TaxiiIngestProcessor implements QueueHandler<TaxiiJobs> {
  readonly queue = TAXII_QUEUE;

  constructor(private readonly ingest: TaxiiIngestService) {}

  async handle(job: QueueJob<TaxiiJobs>): Promise<void> {
    await this.ingest.process(job.data.statusId);
  }
}
