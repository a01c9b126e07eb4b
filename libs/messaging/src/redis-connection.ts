import { Redis, type RedisOptions } from 'ioredis';
import type { AppConfig } from '@isac/config';
import { ServiceUnreachableError } from '@isac/problems';

/** Where the hub's Redis is: one server (REDIS_URL), or the primary that sentinels name. */
export interface RedisTarget {
  url: string;
  sentinels: { host: string; port: number }[];
  sentinelName: string;
}

export function redisTarget(config: Pick<AppConfig, 'REDIS_URL' | 'REDIS_SENTINELS' | 'REDIS_SENTINEL_NAME'>): RedisTarget {
  const sentinels = config.REDIS_SENTINELS.split(',')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.lastIndexOf(':');
      return { host: pair.slice(0, at), port: Number(pair.slice(at + 1)) };
    });
  return { url: config.REDIS_URL, sentinels, sentinelName: config.REDIS_SENTINEL_NAME };
}

/** What an error message names: the server, or the sentinels and the primary's name. */
function describe(target: RedisTarget): string {
  if (!target.sentinels.length) {
    const parsed = new URL(target.url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  }
  return `primary '${target.sentinelName}' of sentinels ${target.sentinels.map((s) => `${s.host}:${s.port}`).join(', ')}`;
}

/** A client for `target` with `options`: through the sentinels when there are some, else the URL. */
function connect(target: RedisTarget, options: RedisOptions): Redis {
  if (!target.sentinels.length) return new Redis(target.url, options);
  const url = new URL(target.url);
  const db = Number(url.pathname.slice(1) || 0);
  return new Redis({
    ...options,
    sentinels: target.sentinels,
    name: target.sentinelName,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {}, enableTLSForSentinelMode: true } : {}),
    db,
    // after a failover, a client still connected to the old primary (now a replica) is sent away
    // by the first write it tries (READONLY): reconnect, and the sentinels name the new primary
    reconnectOnError: (error) => error.message.startsWith('READONLY'),
    sentinelRetryStrategy: (times) => Math.min(200 * times, 2000),
  });
}

/**
 * A Redis connection. `blocking` connections (BullMQ workers) retry forever, as BullMQ requires;
 * the others fail a command fast instead of queueing it while Redis is away.
 */
export function createRedis(target: RedisTarget, purpose: 'commands' | 'blocking', name = 'isac-hub'): Redis {
  return connect(target, {
    connectionName: name,
    lazyConnect: false,
    connectTimeout: 3000,
    retryStrategy: (times) => Math.min(200 * times, 2000),
    ...(purpose === 'blocking' ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1, enableOfflineQueue: false }),
  });
}

/** Checks that Redis answers before a process starts its work: one clear line if not. */
export async function assertRedisReachable(target: RedisTarget, timeoutMs = 3000): Promise<void> {
  const probe = connect(target, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    sentinelRetryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let lastError: unknown;
  probe.on('error', (error) => (lastError = error));
  let timer: NodeJS.Timeout | undefined;
  try {
    // with sentinels that all fail to answer, ioredis reports it by an event, not by connect()'s promise
    const gaveUp = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(lastError ?? new Error(`no answer within ${timeoutMs} ms`)), timeoutMs + 500);
    });
    await Promise.race([probe.connect().then(() => probe.ping()), gaveUp]);
  } catch (error) {
    throw new ServiceUnreachableError('Redis', describe(target), error);
  } finally {
    clearTimeout(timer);
    probe.disconnect();
  }
}
