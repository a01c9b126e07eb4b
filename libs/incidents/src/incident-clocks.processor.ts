import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { QueueProducer, type QueueHandler } from '@isac/messaging';
import { IncidentClocksService, type SweepResult } from './incident-clocks.service.js';
import { INCIDENT_CLOCKS_EVERY_MS, INCIDENT_CLOCKS_QUEUE, type IncidentClockJobs } from './queues.js';

/** Thin: the scheduled job hands over to the sweep. Registers its schedule when the worker boots. */
@Injectable()
export class IncidentClocksProcessor implements QueueHandler<IncidentClockJobs>, OnApplicationBootstrap {
  readonly queue = INCIDENT_CLOCKS_QUEUE;

  constructor(
    private readonly clocks: IncidentClocksService,
    private readonly producer: QueueProducer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.producer.queue(INCIDENT_CLOCKS_QUEUE).upsertJobScheduler('incident-clocks', { every: INCIDENT_CLOCKS_EVERY_MS }, { name: 'sweep', data: {} });
  }

  handle(): Promise<SweepResult> {
    return this.clocks.sweep();
  }
}
