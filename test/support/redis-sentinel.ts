import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './processes.js';

/**
 * A Redis primary, one replica and three sentinels of the test's own (free ports on 127.0.0.1, no
 * persistence), so a test may kill the primary and watch the sentinels promote the replica.
 */
export interface SentinelGroup {
  name: string;
  primaryPort: number;
  replicaPort: number;
  sentinels: { host: string; port: number }[];
  /** REDIS_SENTINELS for the hub's config */
  setting: string;
  killPrimary(): void;
  /** the port the sentinels name as primary now */
  currentPrimaryPort(): Promise<number>;
  stop(): Promise<void>;
}

const until = async (what: string, check: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sentinel group: ${what} within ${timeoutMs} ms`);
};

export async function startSentinelGroup(name = 'isac-test'): Promise<SentinelGroup> {
  const dir = await mkdtemp(path.join(tmpdir(), 'isac-sentinel-'));
  const children: ChildProcess[] = [];
  const server = (args: string[]) => {
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    children.push(child);
    return child;
  };
  const [primaryPort, replicaPort, ...sentinelPorts] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const plain = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  const primary = server(['--port', String(primaryPort), ...plain]);
  server(['--port', String(replicaPort), ...plain, '--replicaof', '127.0.0.1', String(primaryPort)]);
  for (const port of sentinelPorts) {
    const file = path.join(dir, `sentinel-${port}.conf`);
    await writeFile(
      file,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${name} 127.0.0.1 ${primaryPort} 2`,
        `sentinel down-after-milliseconds ${name} 1000`,
        `sentinel failover-timeout ${name} 10000`,
        `sentinel parallel-syncs ${name} 1`,
        '',
      ].join('\n'),
    );
    server([file, '--sentinel']);
  }
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
  const group: SentinelGroup = {
    name,
    primaryPort,
    replicaPort,
    sentinels: sentinelPorts.map((port) => ({ host: '127.0.0.1', port })),
    setting: sentinelPorts.map((port) => `127.0.0.1:${port}`).join(','),
    killPrimary: () => void primary.kill('SIGKILL'),
    currentPrimaryPort: async () => {
      const [, port] = (await ask(sentinelPorts[0], (r) => r.call('SENTINEL', 'get-master-addr-by-name', name))) as [string, string];
      return Number(port);
    },
    stop: async () => {
      for (const child of children) child.kill('SIGKILL');
      await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    // the replica in sync, and every sentinel knowing it and the other sentinels: only then can they fail over
    await until('the replica syncs', () => ask(replicaPort, async (r) => (await r.info('replication')).includes('master_link_status:up')), 15_000);
    for (const port of sentinelPorts) {
      await until(`sentinel ${port} sees the replica and its peers`, async () => {
        const replicas = (await ask(port, (r) => r.call('SENTINEL', 'replicas', name))) as unknown[];
        const peers = (await ask(port, (r) => r.call('SENTINEL', 'sentinels', name))) as unknown[];
        return replicas.length === 1 && peers.length === 2;
      }, 20_000);
    }
  } catch (error) {
    await group.stop();
    throw error;
  }
  return group;
}
