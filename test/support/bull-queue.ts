import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { AppConfig } from '@isac/config';
import { bullPrefix } from '@isac/messaging';

/**
 * A test's own look at a queue in Redis (counts, schedulers, wiping it as a lost Redis would): the
 * hub itself adds jobs only through QueueProducer, which hands out no BullMQ Queue.
 */
export async function inspectQueue<T>(config: Pick<AppConfig, 'REDIS_URL' | 'REDIS_PREFIX'>, definition: { name: string }, look: (queue: Queue) => Promise<T>): Promise<T> {
  const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  connection.on('error', () => undefined);
  const queue = new Queue(definition.name, { connection, prefix: bullPrefix(config) });
  try {
    return await look(queue);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
