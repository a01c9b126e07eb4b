import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { QueueProducer, type QueueHandler } from '@isac/messaging';
import { IncidentClocksService, type SweepResult } from './incident-clocks.service.js';
import { INCIDENT_CLOCKS_QUEUE, INCIDENT_CLOCKS_SCHEDULE, type IncidentClockJobs } from './queues.js';

/** Thin: the scheduled job hands over to the sweep. Registers its schedule when the worker boots. */
@Injectable()
export class IncidentClocksProcessor implements QueueHandler<IncidentClockJobs>, OnApplicationBootstrap {
  readonly queue = INCIDENT_CLOCKS_QUEUE;

  constructor(
    private readonly clocks: IncidentClocksService,
    private readonly producer: QueueProducer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.producer.schedule(INCIDENT_CLOCKS_QUEUE, INCIDENT_CLOCKS_SCHEDULE);
  }

  handle(): Promise<SweepResult> {
    return this.clocks.sweep();
  }
}
