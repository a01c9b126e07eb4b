import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { QueueProducer, readHeartbeat, REDIS, type RedisClient } from '@isac/messaging';
import { createMetricsRegistry, httpMetrics } from '@isac/observability';
import { Gauge, type Registry } from 'prom-client';
import { HubStateService } from './hub-state.service.js';

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

/**
 * The API's Prometheus metrics (DESIGN §7): its HTTP requests, and — read from PostgreSQL and Redis
 * at each scrape, so any replica answers for the whole hub — queue depths, the worker's heartbeat,
 * the advisory pipeline's backlog and overdue incident reports.
 */
@Injectable()
export class MetricsService implements OnApplicationShutdown {
  readonly registry: Registry = createMetricsRegistry('isac-hub:api');
  private readonly http = httpMetrics(this.registry);
  private readonly gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [this.registry] });
  private readonly jobs = this.gauge('isac_queue_jobs', 'BullMQ jobs per queue and state, for the queues the worker serves', ['queue', 'state']);
  private readonly lag = this.gauge('isac_worker_queue_lag_seconds', "how late the worker's last heartbeat job ran (queue lag)");
  private readonly beatAge = this.gauge(
    'isac_worker_heartbeat_age_seconds',
    "seconds since the worker's last heartbeat; +Inf when none is on record (no worker running)",
  );
  private readonly outbox = this.gauge('isac_advisory_outbox_rows', 'advisories written and not yet relayed to the route queue');
  private readonly outboxAge = this.gauge('isac_advisory_outbox_oldest_seconds', 'age of the oldest advisory waiting in the outbox (0 when none)');
  private readonly unrouted = this.gauge('isac_advisories_unrouted', 'advisories relayed and not yet routed into inboxes');
  private readonly pushes = this.gauge('isac_webhook_pushes_pending', 'webhook pushes waiting for a (next) try');
  private readonly overdue = this.gauge('isac_incident_cases_overdue', 'incident cases with a report past its deadline');

  private readonly stateRead = this.gauge(
    'isac_metrics_state_read_ok',
    '1 when the scrape could read the state from PostgreSQL and Redis, else 0 (the gauges of the state then keep their last values)',
  );

  constructor(
    private readonly state: HubStateService,
    private readonly queues: QueueProducer,
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  /** Every metric in Prometheus text, the shared state read first. */
  async scrape(): Promise<string> {
    this.stateRead.set(
      (await this.readState().then(
        () => true,
        () => false,
      ))
        ? 1
        : 0,
    );
    return this.registry.metrics();
  }

  /** Express middleware recording each request (see httpMetrics). */
  requestMetrics() {
    return this.http;
  }

  private async readState(): Promise<void> {
    const [state, beat] = await Promise.all([this.state.read(), readHeartbeat(this.redis, this.config)]);
    this.outbox.set(state.outbox.rows);
    this.outboxAge.set(state.outbox.oldestSeconds ?? 0);
    this.unrouted.set(state.unrouted);
    this.pushes.set(state.pendingPushes);
    this.overdue.set(state.overdueCases);
    this.jobs.reset();
    this.lag.reset();
    this.beatAge.set(Infinity);
    if (!beat) return;
    this.lag.set(beat.lagMs / 1000);
    this.beatAge.set(Math.max(0, Date.now() - Date.parse(beat.at)) / 1000);
    const counts = await Promise.all((beat.queues ?? []).map(async (name) => ({ name, byState: await this.queues.jobCounts(name, [...JOB_STATES]) })));
    for (const { name, byState } of counts) for (const state of JOB_STATES) this.jobs.set({ queue: name, state }, byState[state] ?? 0);
  }

  onApplicationShutdown(): void {
    this.registry.clear();
  }
}
