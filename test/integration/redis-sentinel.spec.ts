import { Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { ConfigModule, loadConfig } from '@isac/config';
import {
  assertRedisReachable,
  defineQueue,
  MessagingModule,
  QueueHostModule,
  QueueProducer,
  REDIS,
  redisTarget,
  type QueueHandler,
  type QueueJob,
} from '@isac/messaging';
import type { Redis } from 'ioredis';
import { startSentinelGroup, type SentinelGroup } from '../support/redis-sentinel.js';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

interface EchoJobs {
  echo: { tag: string };
}
const ECHO_QUEUE = defineQueue<EchoJobs>({ name: 'test-sentinel-echo', concurrency: 2, defaultJobOptions: { removeOnComplete: true } });
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

describe('Redis through Sentinel (REDIS_SENTINELS)', () => {
  let env: TestEnv;
  let group: SentinelGroup;

  beforeAll(async () => {
    env = await createTestEnv();
    group = await startSentinelGroup();
  }, 60_000);
  afterAll(async () => {
    await group?.stop();
    await env?.dispose();
  });

  const config = () =>
    loadConfig({
      DATABASE_URL: env.config.DATABASE_URL,
      REDIS_PREFIX: env.config.REDIS_PREFIX,
      // the host of REDIS_URL is not used: the sentinels name the primary
      REDIS_URL: 'redis://unused.invalid:6379/0',
      REDIS_SENTINELS: group.setting,
      REDIS_SENTINEL_NAME: group.name,
    });

  it('the boot check finds the primary through the sentinels, and names them when none answers', async () => {
    await expect(assertRedisReachable(redisTarget(config()))).resolves.toBeUndefined();
    const nobody = redisTarget({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_SENTINELS: '127.0.0.1:1,127.0.0.1:2', REDIS_SENTINEL_NAME: 'absent' });
    await expect(assertRedisReachable(nobody)).rejects.toThrow(/^Redis at primary 'absent' of sentinels 127\.0\.0\.1:1, 127\.0\.0\.1:2 is not reachable .*REDIS_SENTINELS/);
  });

  it("the hub's clients — commands, BullMQ queues and workers — follow a failover without a restart, losing no job", async () => {
    const module: TestingModule = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config()), MessagingModule.forRoot(), QueueHostModule.forRoot({ handlers: [EchoHandler], imports: [Empty] })],
    }).compile();
    await module.init();
    try {
      const producer = module.get(QueueProducer);
      const redis = module.get<Redis>(REDIS);
      await producer.add(ECHO_QUEUE, 'echo', { tag: 'before' });
      await waitFor('the job added before the failover ran', () => handled.includes('before'));
      await redis.set(`${env.config.REDIS_PREFIX}:sentinel-check`, 'before');
      expect(await group.currentPrimaryPort()).toBe(group.primaryPort);

      group.killPrimary();
      const killedAt = Date.now();
      await waitFor('the sentinels promote the replica', async () => (await group.currentPrimaryPort()) === group.replicaPort);
      const promotedMs = Date.now() - killedAt;

      // a job added now reaches the new primary (the producer's connection waits while it reconnects)
      await producer.add(ECHO_QUEUE, 'echo', { tag: 'after' });
      await waitFor('the job added after the failover ran', () => handled.includes('after'));
      // the command connection fails fast while Redis is away, then serves again, on the new primary
      await waitFor('the command connection serves again', async () => (await redis.get(`${env.config.REDIS_PREFIX}:sentinel-check`)) === 'before');
      await redis.set(`${env.config.REDIS_PREFIX}:sentinel-check`, 'after');
      expect(await redis.get(`${env.config.REDIS_PREFIX}:sentinel-check`)).toBe('after');
      expect(Number((await redis.call('CONFIG', 'GET', 'port') as string[])[1])).toBe(group.replicaPort);
      expect(handled.filter((t) => t === 'before' || t === 'after')).toEqual(['before', 'after']);
      console.info(`sentinel failover: replica promoted ${promotedMs} ms after the primary was killed`);
    } finally {
      await module.close();
    }
  }, 90_000);
});
