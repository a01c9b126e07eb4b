import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { QueueProducer, type QueueHandler } from '@isac/messaging';
import { SITREP_REMINDERS_QUEUE, SITREP_REMINDERS_SCHEDULE, type SitrepReminderJobs } from './queues.js';
import { SitrepRemindersService, type SitrepSweepResult } from './sitrep-reminders.service.js';

/** Thin: the scheduled job hands over to the sweep. Registers its schedule when the worker boots. */
@Injectable()
export class SitrepRemindersProcessor implements QueueHandler<SitrepReminderJobs>, OnApplicationBootstrap {
  readonly queue = SITREP_REMINDERS_QUEUE;

  constructor(
    private readonly reminders: SitrepRemindersService,
    private readonly producer: QueueProducer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.producer.schedule(SITREP_REMINDERS_QUEUE, SITREP_REMINDERS_SCHEDULE);
  }

  handle(): Promise<SitrepSweepResult> {
    return this.reminders.sweep();
  }
}
