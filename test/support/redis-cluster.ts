import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './processes.js';

/**
 * A Redis Cluster of the test's own: three masters and a replica of each (free ports on 127.0.0.1,
 * a short node timeout, no persistence), so a test may kill a master and watch its replica take over.
 */
export interface RedisClusterGroup {
  ports: number[];
  /** REDIS_CLUSTER_NODES for the hub's config (every node: the client needs only one that answers) */
  setting: string;
  /** the port of the master serving `key`'s hash slot now (asked of a node still running) */
  masterPortOf(key: string): Promise<number>;
  /** SIGKILLs the node on `port` */
  kill(port: number): void;
  stop(): Promise<void>;
}

const NODE_TIMEOUT_MS = 1000;

const until = async (what: string, check: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis cluster: ${what} within ${timeoutMs} ms`);
};

export async function startRedisCluster(): Promise<RedisClusterGroup> {
  const dir = await mkdtemp(path.join(tmpdir(), 'isac-cluster-'));
  const children = new Map<number, ChildProcess>();
  // a node's cluster bus listens on a port of its own (cluster-port), also free
  const ports = await Promise.all(Array.from({ length: 6 }, () => freePort()));
  const busPorts = await Promise.all(Array.from({ length: 6 }, () => freePort()));
  ports.forEach((port, i) => {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--cluster-port',
        String(busPorts[i]),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        path.join(dir, `nodes-${port}.conf`),
        '--cluster-node-timeout',
        String(NODE_TIMEOUT_MS),
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ],
      { stdio: 'ignore' },
    );
    children.set(port, child);
  });
  const ask = async <T>(port: number, command: (r: Redis) => Promise<T>): Promise<T> => {
    const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => undefined);
    try {
      await r.connect();
      return await command(r);
    } finally {
      r.disconnect();
    }
  };
  const alive = () => [...children.entries()].filter(([, c]) => c.exitCode === null && c.signalCode === null).map(([p]) => p);
  const group: RedisClusterGroup = {
    ports,
    setting: ports.map((p) => `127.0.0.1:${p}`).join(','),
    masterPortOf: async (key) => {
      const port = alive()[0];
      const slot = Number(await ask(port, (r) => r.call('CLUSTER', 'KEYSLOT', key)));
      const ranges = (await ask(port, (r) => r.call('CLUSTER', 'SLOTS'))) as [number, number, [string, number, ...unknown[]], ...unknown[]][];
      const range = ranges.find(([from, to]) => slot >= from && slot <= to);
      if (!range) throw new Error(`redis cluster: no master serves slot ${slot}`);
      return Number(range[2][1]);
    },
    kill: (port) => void children.get(port)?.kill('SIGKILL'),
    stop: async () => {
      for (const child of children.values()) child.kill('SIGKILL');
      await Promise.all([...children.values()].map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    for (const port of ports) await until(`node ${port} answers`, () => ask(port, async (r) => (await r.ping()) === 'PONG'), 10_000);
    await promisify(execFile)('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '1', '--cluster-yes'], {
      timeout: 30_000,
    });
    // every node agreeing that all slots are served, and each replica in sync with its master
    for (const port of ports) {
      await until(
        `node ${port} sees the cluster ok`,
        () => ask(port, async (r) => String(await r.call('CLUSTER', 'INFO')).includes('cluster_state:ok')),
        20_000,
      );
      await until(
        `node ${port} in sync`,
        () =>
          ask(port, async (r) => {
            const info = await r.info('replication');
            return info.includes('role:master') ? /connected_slaves:1/.test(info) : info.includes('master_link_status:up');
          }),
        20_000,
      );
    }
  } catch (error) {
    await group.stop();
    throw error;
  }
  return group;
}
