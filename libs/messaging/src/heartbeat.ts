import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { REDIS } from './tokens.js';
import type { RedisClient } from './redis-connection.js';
import { defineQueue, type AnyQueueDefinition, type QueueHandler, type QueueJob } from './queue-definition.js';
import { QUEUE_DEFINITIONS } from './queue-host.js';
import type { JobSchedule } from './queue-producer.js';

export interface HeartbeatJobs {
  heartbeat: Record<string, never>;
}

/** The worker's own pulse: a scheduled job whose lag tells readiness how far behind queues are. */
export const SYSTEM_QUEUE = defineQueue<HeartbeatJobs>({
  name: 'system',
  concurrency: 1,
  defaultJobOptions: { removeOnComplete: 10, removeOnFail: 50 },
});

export const HEARTBEAT_EVERY_MS = 10_000;

/** One scheduler id: any number of workers share the same schedule instead of multiplying it. */
export const HEARTBEAT_SCHEDULE: JobSchedule<HeartbeatJobs> = { id: 'heartbeat', repeat: { every: HEARTBEAT_EVERY_MS }, job: { name: 'heartbeat', data: {} } };

export interface Heartbeat {
  at: string;
  lagMs: number;
  /** the queues the beating worker serves: what the API's metrics count jobs of */
  queues?: string[];
}

export function heartbeatKey(config: Pick<AppConfig, 'REDIS_PREFIX'>): string {
  return `${config.REDIS_PREFIX}:worker:heartbeat`;
}

@Injectable()
export class HeartbeatHandler implements QueueHandler<HeartbeatJobs> {
  readonly queue = SYSTEM_QUEUE;

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(QUEUE_DEFINITIONS) private readonly definitions: AnyQueueDefinition[],
  ) {}

  async handle(job: QueueJob<HeartbeatJobs>): Promise<Heartbeat> {
    const now = Date.now();
    // a scheduled beat is added one interval ahead as a delayed job (BullMQ zeroes `job.delay` when it
    // promotes it, `opts.delay` stays): its lag runs from when it was due, not from when it was added
    const dueAt = job.timestamp + (job.opts?.delay ?? 0);
    const beat: Heartbeat = { at: new Date(now).toISOString(), lagMs: Math.max(0, now - dueAt), queues: this.definitions.map((d) => d.name) };
    await this.redis.set(heartbeatKey(this.config), JSON.stringify(beat), 'PX', HEARTBEAT_EVERY_MS * 6);
    return beat;
  }
}

export async function readHeartbeat(redis: RedisClient, config: Pick<AppConfig, 'REDIS_PREFIX'>): Promise<Heartbeat | null> {
  const value = await redis.get(heartbeatKey(config));
  return value ? (JSON.parse(value) as Heartbeat) : null;
}
