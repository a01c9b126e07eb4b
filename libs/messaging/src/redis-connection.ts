import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { AppConfig } from '@isac/config';
import { ServiceUnreachableError } from '@isac/problems';

/** A client of the hub's Redis: one connection, or a Redis Cluster client (REDIS_CLUSTER_NODES). */
export type RedisClient = Redis | Cluster;

type HostPort = { host: string; port: number };

/** Where the hub's Redis is: one server (REDIS_URL), the primary that sentinels name, or a Redis Cluster. */
export interface RedisTarget {
  url: string;
  sentinels: HostPort[];
  sentinelName: string;
  /** seed nodes of a Redis Cluster; the client learns the others (and every failover) from them */
  clusterNodes: HostPort[];
}

const hostPorts = (list: string): HostPort[] =>
  list
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.lastIndexOf(':');
      return { host: pair.slice(0, at), port: Number(pair.slice(at + 1)) };
    });

export function redisTarget(
  config: Pick<AppConfig, 'REDIS_URL' | 'REDIS_SENTINELS' | 'REDIS_SENTINEL_NAME'> & Partial<Pick<AppConfig, 'REDIS_CLUSTER_NODES'>>,
): RedisTarget {
  return {
    url: config.REDIS_URL,
    sentinels: hostPorts(config.REDIS_SENTINELS),
    sentinelName: config.REDIS_SENTINEL_NAME,
    clusterNodes: hostPorts(config.REDIS_CLUSTER_NODES ?? ''),
  };
}

/** What an error message names: the server, the sentinels and the primary's name, or the cluster's seed nodes. */
function describe(target: RedisTarget): string {
  if (target.clusterNodes.length) return `cluster nodes ${target.clusterNodes.map((n) => `${n.host}:${n.port}`).join(', ')}`;
  if (!target.sentinels.length) {
    const parsed = new URL(target.url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  }
  return `primary '${target.sentinelName}' of sentinels ${target.sentinels.map((s) => `${s.host}:${s.port}`).join(', ')}`;
}

/** The credentials and TLS of REDIS_URL, for clients that find their servers elsewhere (sentinels, cluster). */
function credentials(url: URL): RedisOptions {
  return {
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  };
}

/**
 * A Redis Cluster client. ioredis follows the cluster's own failover: a node that stops answering
 * has its slots re-read from the others, and CLUSTERDOWN or MOVED answers are retried after the
 * delays below, so the promoted replica takes over without a restart.
 */
function connectCluster(target: RedisTarget, options: RedisOptions & { sentinelRetryStrategy?: unknown }): Cluster {
  const url = new URL(target.url);
  const { retryStrategy, enableOfflineQueue, lazyConnect, sentinelRetryStrategy: _, ...nodeOptions } = options;
  return new Cluster(target.clusterNodes, {
    redisOptions: { ...nodeOptions, ...credentials(url), ...(url.protocol === 'rediss:' ? { tls: {} } : {}) },
    clusterRetryStrategy: retryStrategy ? (times) => retryStrategy(times) : retryStrategy,
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(lazyConnect === undefined ? {} : { lazyConnect }),
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    // a failover takes the cluster's node timeout plus an election: keep redirecting that long
    maxRedirections: 64,
    slotsRefreshTimeout: 2000,
  });
}

/** A client for `target` with `options`: of a cluster, through the sentinels, or of the URL's server. */
function connect(target: RedisTarget, options: RedisOptions): RedisClient {
  if (target.clusterNodes.length) return connectCluster(target, options);
  if (!target.sentinels.length) return new Redis(target.url, options);
  const url = new URL(target.url);
  const db = Number(url.pathname.slice(1) || 0);
  return new Redis({
    ...options,
    sentinels: target.sentinels,
    name: target.sentinelName,
    ...credentials(url),
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
export function createRedis(target: RedisTarget, purpose: 'commands' | 'blocking', name = 'isac-hub'): RedisClient {
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
    // with sentinels (or cluster nodes) that all fail to answer, ioredis reports it by an event, not by connect()'s promise
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
