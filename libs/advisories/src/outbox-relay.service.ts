import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { QueueProducer } from '@isac/messaging';
import { NetworkDirectory } from '@isac/organisations';
import { AdvisoryRepository } from './advisory.repository.js';
import { DeliveryRepository } from './delivery.repository.js';
import { EscalationService } from './escalation.service.js';
import { PushScheduler } from './push-scheduler.service.js';
import { ROUTE_JOB_SIZE, ROUTE_QUEUE, routeJobId } from './queues.js';

const RELAY_BATCH = 500;
// an idle relay looks again after 5 ms, backing off to 40 ms while the outbox stays empty: a new
// advisory waits a few milliseconds under load, and an idle worker costs a few cheap statements a second
const RELAY_IDLE_MIN_MS = 5;
const RELAY_IDLE_MAX_MS = 40;

/**
 * The worker's loops over PostgreSQL (not BullMQ schedules: those vanish with Redis, and these
 * must work precisely then): the relay moving outbox rows into the route queue, and the
 * reconciler re-driving unfinished routing and pushes, and escalating overdue alerts.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly advisories: AdvisoryRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly producer: QueueProducer,
    private readonly pushes: PushScheduler,
    private readonly directory: NetworkDirectory,
    private readonly escalation: EscalationService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    const reconcileEvery = Math.max(100, this.config.RECONCILE_AFTER_MS / 4);
    this.loops = [
      this.loop('relay', () => this.relayOnce(), (busy, idleSteps) => (busy ? 0 : Math.min(RELAY_IDLE_MAX_MS, RELAY_IDLE_MIN_MS * 2 ** (idleSteps - 1)))),
      this.loop('reconcile', () => this.reconcileOnce(), () => reconcileEvery),
    ];
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Moves one batch of the outbox into the route queue, ROUTE_JOB_SIZE advisories a job; returns how many. */
  relayOnce(): Promise<number> {
    return this.advisories.relayOutbox(RELAY_BATCH, async (items) => {
      const jobs = [];
      for (let i = 0; i < items.length; i += ROUTE_JOB_SIZE) {
        const chunk = items.slice(i, i + ROUTE_JOB_SIZE);
        jobs.push({ name: 'route' as const, data: { advisoryIds: chunk.map((item) => item.advisoryId) }, opts: { jobId: routeJobId(chunk) } });
      }
      await this.producer.addBulk(ROUTE_QUEUE, jobs);
    });
  }

  async reconcileOnce(): Promise<number> {
    const staleMs = this.config.RECONCILE_AFTER_MS;
    const rerouted = await this.advisories.redriveStaleRouting(staleMs);
    const pushes = await this.deliveries.stalePushes(staleMs);
    if (pushes.length) await this.pushes.schedule(pushes, await this.directory.network());
    const escalated = await this.escalation.escalateOverdue();
    if (rerouted || pushes.length || escalated) this.logger.log({ msg: 'reconciled', rerouted, pushes: pushes.length, escalated });
    return rerouted + pushes.length + escalated;
  }

  /** Runs `step` until shutdown; `delay` says how long to wait after it, from whether it found work and how many steps in a row found none. */
  private async loop(name: string, step: () => Promise<number>, delay: (busy: boolean, idleSteps: number) => number): Promise<void> {
    let idleSteps = 0;
    while (this.running) {
      let busy = false;
      try {
        busy = (await step()) > 0;
      } catch (error) {
        // PostgreSQL or Redis away: the rows stay where they are, try again shortly
        this.logger.warn({ msg: `${name} failed`, err: (error as Error).message });
        await sleep(1000);
      }
      idleSteps = busy ? 0 : idleSteps + 1;
      const wait = delay(busy, idleSteps);
      if (wait > 0) await sleep(wait);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
