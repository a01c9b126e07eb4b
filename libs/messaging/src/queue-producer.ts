import { Injectable } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { Queue, type JobsOptions, type JobType, type RepeatOptions } from 'bullmq';
import { createRedis, redisTarget, type RedisClient } from './redis-connection.js';
import type { QueueDefinition } from './queue-definition.js';

/**
 * BullMQ key prefix of a deployment: every queue lives under `<REDIS_PREFIX>:bull`. On a Redis
 * Cluster, `{<REDIS_PREFIX>}:bull`: BullMQ's scripts touch several keys of a queue at once, which a
 * cluster allows only within one hash slot, and the hash tag puts every key of every queue there
 * (one slot, so one master serves all queues: the price of jobs and flows spanning queues).
 */
export function bullPrefix(config: Pick<AppConfig, 'REDIS_PREFIX'> & Partial<Pick<AppConfig, 'REDIS_CLUSTER_NODES'>>): string {
  return config.REDIS_CLUSTER_NODES ? `{${config.REDIS_PREFIX}}:bull` : `${config.REDIS_PREFIX}:bull`;
}

/** One job of a queue's job map: its name, the payload that name carries and BullMQ options (job id, delay…). */
export type JobOf<Jobs extends object> = { [Name in keyof Jobs & string]: { name: Name; data: Jobs[Name]; opts?: JobsOptions } }[keyof Jobs & string];

/** When a scheduler fires: every `every` ms, or on a cron `pattern` (in `tz`). */
export type ScheduleRepeat = Pick<RepeatOptions, 'every' | 'pattern' | 'tz'>;

/** A queue's scheduler: one id shared by every worker, so any number of them keep one schedule. */
export interface JobSchedule<Jobs extends object> {
  id: string;
  repeat: ScheduleRepeat;
  job: { [Name in keyof Jobs & string]: { name: Name; data: Jobs[Name] } }[keyof Jobs & string];
}

/**
 * The only way jobs enter queues: each method typed by the queue's job map (a job name the queue
 * does not declare, or a payload of another job, does not compile). One BullMQ Queue per
 * definition, created on first use and never handed out.
 */
@Injectable()
export class QueueProducer {
  private readonly queues = new Map<string, Queue>();
  // BullMQ closes the connections it opens, never one it is handed: these are ours to close
  private readonly connections: RedisClient[] = [];

  constructor(private readonly config: AppConfig) {}

  async add<Jobs extends object, Name extends keyof Jobs & string>(
    definition: QueueDefinition<Jobs>,
    name: Name,
    data: Jobs[Name],
    options?: JobsOptions,
  ): Promise<void> {
    await this.queue(definition).add(name, data, options);
  }

  /** Adds the jobs in one round trip (a job whose id is already in the queue is not added twice). */
  async addBulk<Jobs extends object>(definition: QueueDefinition<Jobs>, jobs: JobOf<Jobs>[]): Promise<void> {
    if (jobs.length) await this.queue(definition).addBulk(jobs);
  }

  /** Creates or updates the queue's scheduler `schedule.id`. */
  async schedule<Jobs extends object>(definition: QueueDefinition<Jobs>, schedule: JobSchedule<Jobs>): Promise<void> {
    await this.queue(definition).upsertJobScheduler(schedule.id, schedule.repeat, { name: schedule.job.name, data: schedule.job.data });
  }

  /** Removes the queue's scheduler `schedulerId`; false when there was none. */
  async unschedule(definition: QueueDefinition<object>, schedulerId: string): Promise<boolean> {
    return this.queue(definition).removeJobScheduler(schedulerId);
  }

  /** Removes a waiting or delayed job by id; a job running now stays, and an id of no job is no error. */
  async remove(definition: QueueDefinition<object>, jobId: string): Promise<void> {
    await this.queue(definition).remove(jobId);
  }

  /** The number of jobs of the queue named `name` in each state (metrics: the names the worker's heartbeat reports). */
  async jobCounts(name: string, states: JobType[]): Promise<Record<string, number>> {
    return this.queue({ name, concurrency: 0, defaultJobOptions: {} }).getJobCounts(...states);
  }

  async close(): Promise<void> {
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(queues.map((q) => q.close()));
    for (const connection of this.connections.splice(0)) connection.disconnect();
  }

  private queue(definition: QueueDefinition<object>): Queue {
    let queue = this.queues.get(definition.name);
    if (!queue) {
      const connection = createRedis(redisTarget(this.config), 'blocking', `isac-hub:queue:${definition.name}`);
      connection.on('error', () => undefined);
      this.connections.push(connection);
      queue = new Queue(definition.name, { connection, prefix: bullPrefix(this.config), defaultJobOptions: definition.defaultJobOptions });
      queue.on('error', () => undefined);
      this.queues.set(definition.name, queue);
    }
    return queue;
  }
}
