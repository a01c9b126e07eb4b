import { Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { ConfigModule, loadConfig } from '@isac/config';
import {
  assertRedisReachable,
  bullPrefix,
  defineQueue,
  MessagingModule,
  QueueHostModule,
  QueueProducer,
  REDIS,
  redisTarget,
  type QueueHandler,
  type QueueJob,
  type RedisClient,
} from '@isac/messaging';
import { startRedisCluster, type RedisClusterGroup } from '../support/redis-cluster.js';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

interface EchoJobs {
  echo: { tag: string };
}
const ECHO_QUEUE = defineQueue<EchoJobs>({ name: 'test-cluster-echo', concurrency: 2, defaultJobOptions: { removeOnComplete: true } });
const handled: string[] = [];

@Injectable()
class EchoHandler implements QueueHandler<EchoJobs> {
  readonly queue = ECHO_QUEUE;
  async handle(job: QueueJob<EchoJobs>) {
    handled.push(job.data.tag);
  }
}

@Module({})
class Empty {}

const waitFor = async (what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await Promise.resolve(check()).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not within ${timeoutMs} ms: ${what}`);
};

describe('Redis Cluster (REDIS_CLUSTER_NODES)', () => {
  let env: TestEnv;
  let cluster: RedisClusterGroup;

  beforeAll(async () => {
    env = await createTestEnv();
    cluster = await startRedisCluster();
  }, 90_000);
  afterAll(async () => {
    await cluster?.stop();
    await env?.dispose();
  });

  const config = () =>
    loadConfig({
      DATABASE_URL: env.config.DATABASE_URL,
      REDIS_PREFIX: env.config.REDIS_PREFIX,
      // the host of REDIS_URL is not used: the cluster's nodes are
      REDIS_URL: 'redis://unused.invalid:6379/0',
      REDIS_CLUSTER_NODES: cluster.setting,
    });

  it('the boot check reaches the cluster, and names REDIS_CLUSTER_NODES when no node answers', async () => {
    await expect(assertRedisReachable(redisTarget(config()))).resolves.toBeUndefined();
    const nobody = redisTarget({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_SENTINELS: '', REDIS_SENTINEL_NAME: 'x', REDIS_CLUSTER_NODES: '127.0.0.1:1,127.0.0.1:2' });
    await expect(assertRedisReachable(nobody)).rejects.toThrow(/^Redis at cluster nodes 127\.0\.0\.1:1, 127\.0\.0\.1:2 is not reachable .*REDIS_CLUSTER_NODES/);
  });

  it("BullMQ's keys carry the hash tag of REDIS_PREFIX: every key of every queue in one slot", () => {
    expect(bullPrefix(config())).toBe(`{${env.config.REDIS_PREFIX}}:bull`);
    expect(bullPrefix(env.config)).toBe(`${env.config.REDIS_PREFIX}:bull`);
  });

  it("the hub's clients — commands, BullMQ queues and workers — follow a master's failover without a restart, losing no job", async () => {
    const module: TestingModule = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config()), MessagingModule.forRoot(), QueueHostModule.forRoot({ handlers: [EchoHandler], imports: [Empty] })],
    }).compile();
    await module.init();
    try {
      const producer = module.get(QueueProducer);
      const redis = module.get<RedisClient>(REDIS);
      const queueKey = `${bullPrefix(config())}:${ECHO_QUEUE.name}:wait`;
      const checkKey = `${env.config.REDIS_PREFIX}:cluster-check`;
      await producer.add(ECHO_QUEUE, 'echo', { tag: 'before' });
      await waitFor('the job added before the failover ran', () => handled.includes('before'));
      // due after the failover: it must survive in the replica and be promoted from there
      await producer.add(ECHO_QUEUE, 'echo', { tag: 'delayed-across' }, { delay: 4000 });
      await redis.set(checkKey, 'before');
      // replication is asynchronous: let the replica have the writes before its master goes
      await new Promise((r) => setTimeout(r, 500));

      const master = await cluster.masterPortOf(queueKey);
      cluster.kill(master);
      const killedAt = Date.now();
      await waitFor('a replica takes over the queues’ slot', async () => (await cluster.masterPortOf(queueKey)) !== master);
      const promotedMs = Date.now() - killedAt;

      await producer.add(ECHO_QUEUE, 'echo', { tag: 'after' });
      await waitFor('the job added after the failover ran', () => handled.includes('after'));
      await waitFor('the job delayed across the failover ran', () => handled.includes('delayed-across'), 30_000);
      await waitFor('the command connection serves again', async () => (await redis.get(checkKey)) === 'before');
      await redis.set(checkKey, 'after');
      expect(await redis.get(checkKey)).toBe('after');
      expect(handled.filter((t) => ['before', 'after', 'delayed-across'].includes(t)).sort()).toEqual(['after', 'before', 'delayed-across']);
      console.info(`cluster failover: replica promoted ${promotedMs} ms after its master was killed`);
    } finally {
      await module.close();
    }
  }, 120_000);
});
