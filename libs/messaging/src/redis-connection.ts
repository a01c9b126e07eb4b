import { Redis, type RedisOptions } from 'ioredis';
import { ServiceUnreachableError } from '@isac/problems';

function target(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '6379'}`;
}

/**
 * A Redis connection. `blocking` connections (BullMQ workers) retry forever, as BullMQ requires;
 * the others fail a command fast instead of queueing it while Redis is away.
 */
export function createRedis(url: string, purpose: 'commands' | 'blocking', name = 'isac-hub'): Redis {
  const options: RedisOptions = {
    connectionName: name,
    lazyConnect: false,
    connectTimeout: 3000,
    retryStrategy: (times) => Math.min(200 * times, 2000),
    ...(purpose === 'blocking' ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1, enableOfflineQueue: false }),
  };
  return new Redis(url, options);
}

/** Checks that Redis answers before a process starts its work: one clear line if not. */
export async function assertRedisReachable(url: string, timeoutMs = 3000): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new ServiceUnreachableError('Redis', target(url), error);
  } finally {
    probe.disconnect();
  }
}
