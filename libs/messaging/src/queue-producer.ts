import { Injectable } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedis, redisTarget } from './redis-connection.js';
import type { AnyQueueDefinition, QueueDefinition } from './queue-definition.js';

/** BullMQ key prefix of a deployment: every queue lives under `<REDIS_PREFIX>:bull`. */
export function bullPrefix(config: Pick<AppConfig, 'REDIS_PREFIX'>): string {
  return `${config.REDIS_PREFIX}:bull`;
}

/** Adds jobs to queues; one BullMQ Queue per definition, created on first use. */
@Injectable()
export class QueueProducer {
  private readonly queues = new Map<string, Queue>();
  // BullMQ closes the connections it opens, never one it is handed: these are ours to close
  private readonly connections: Redis[] = [];

  constructor(private readonly config: AppConfig) {}

  queue(definition: AnyQueueDefinition): Queue {
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

  async add<Jobs extends object, Name extends keyof Jobs & string>(
    definition: QueueDefinition<Jobs>,
    name: Name,
    data: Jobs[Name],
    options?: JobsOptions,
  ): Promise<void> {
    await this.queue(definition).add(name, data, options);
  }

  async close(): Promise<void> {
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(queues.map((q) => q.close()));
    for (const connection of this.connections.splice(0)) connection.disconnect();
  }
}
