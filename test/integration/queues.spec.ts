import { Global, Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfig, ConfigModule } from '@isac/config';
import {
  defineQueue,
  HEARTBEAT_EVERY_MS,
  MessagingModule,
  QUEUE_DEFINITIONS,
  QUEUE_HANDLERS,
  QueueHost,
  QueueHostModule,
  QueueProducer,
  readHeartbeat,
  REDIS,
  SYSTEM_QUEUE,
  type QueueHandler,
  type QueueJob,
} from '@isac/messaging';
import type { Redis } from 'ioredis';
import { inspectQueue } from '../support/bull-queue.js';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

interface SlowJobs {
  work: { ms: number; tag: string };
}
const SLOW_QUEUE = defineQueue<SlowJobs>({ name: 'test-slow', concurrency: 4, defaultJobOptions: { removeOnComplete: true } });

const finished: string[] = [];

@Injectable()
class SlowHandler implements QueueHandler<SlowJobs> {
  readonly queue = SLOW_QUEUE;
  async handle(job: QueueJob<SlowJobs>) {
    await new Promise((r) => setTimeout(r, job.data.ms));
    finished.push(job.data.tag);
  }
}

@Module({})
class Empty {}

function workerModule(env: TestEnv, handlers: (typeof SlowHandler)[]) {
  return Test.createTestingModule({
    imports: [ConfigModule.forRoot(env.config), MessagingModule.forRoot(), QueueHostModule.forRoot({ handlers, imports: [Empty] })],
  }).compile();
}

describe('queues on Redis', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(() => env.dispose());

  it('refuses to boot when a declared queue has no handler', async () => {
    const compiling = Test.createTestingModule({
      providers: [
        { provide: AppConfig, useValue: env.config },
        { provide: QUEUE_DEFINITIONS, useValue: [SLOW_QUEUE] },
        { provide: QUEUE_HANDLERS, useValue: [] },
        QueueHost,
      ],
    }).compile();
    await expect(compiling).rejects.toThrow('queue "test-slow" has 0 handlers, needs exactly one');
  });

  it('refuses to boot a worker whose two handlers serve one queue', async () => {
    @Injectable()
    class SecondSlowHandler extends SlowHandler {}
    // no Redis: the boot fails before anything connects, and a module that failed to compile cannot be closed
    @Global()
    @Module({ providers: [{ provide: REDIS, useValue: {} }, { provide: QueueProducer, useValue: {} }], exports: [REDIS, QueueProducer] })
    class NoRedis {}
    const compiling = Test.createTestingModule({
      imports: [ConfigModule.forRoot(env.config), NoRedis, QueueHostModule.forRoot({ handlers: [SlowHandler, SecondSlowHandler], imports: [Empty] })],
    }).compile();
    await expect(compiling).rejects.toThrow('queue "test-slow" has 2 handlers, needs exactly one');
  });

  it('adds in bulk, schedules, unschedules and removes through the typed producer, with the ids and options given', async () => {
    const module = await Test.createTestingModule({ imports: [ConfigModule.forRoot(env.config), MessagingModule.forRoot()] }).compile();
    await module.init();
    const producer = module.get(QueueProducer);
    const idle = defineQueue<SlowJobs>({ name: 'test-idle', concurrency: 1, defaultJobOptions: { removeOnComplete: true } });
    try {
      await producer.addBulk(idle, [
        { name: 'work', data: { ms: 1, tag: 'a' }, opts: { jobId: 'job-a', delay: 60_000 } },
        { name: 'work', data: { ms: 1, tag: 'b' }, opts: { jobId: 'job-b', delay: 60_000 } },
        // the same id again: not a second job
        { name: 'work', data: { ms: 1, tag: 'a-again' }, opts: { jobId: 'job-a', delay: 60_000 } },
      ]);
      await producer.addBulk(idle, []);
      await producer.schedule(idle, { id: 'idle-every-minute', repeat: { every: 60_000 }, job: { name: 'work', data: { ms: 1, tag: 'scheduled' } } });
      await producer.schedule(idle, { id: 'idle-every-minute', repeat: { every: 60_000 }, job: { name: 'work', data: { ms: 1, tag: 'scheduled' } } });
      await inspectQueue(env.config, idle, async (queue) => {
        const a = await queue.getJob('job-a');
        expect([a?.name, a?.data, a?.opts.delay]).toEqual(['work', { ms: 1, tag: 'a' }, 60_000]);
        expect(await queue.getJob('job-b')).toBeDefined();
        expect(await queue.getJobSchedulersCount()).toBe(1);
        expect(await queue.getJobScheduler('idle-every-minute')).toEqual(expect.objectContaining({ name: 'work', every: 60_000 }));
      });
      await producer.remove(idle, 'job-a');
      expect(await producer.unschedule(idle, 'idle-every-minute')).toBe(true);
      expect(await producer.jobCounts('test-idle', ['delayed'])).toEqual({ delayed: 1 });
      await inspectQueue(env.config, idle, async (queue) => {
        expect(await queue.getJob('job-a')).toBeUndefined();
        expect(await queue.getJobSchedulersCount()).toBe(0);
        await queue.obliterate({ force: true });
      });
    } finally {
      await module.close();
    }
  });

  it('processes jobs under the run prefix and drains jobs in flight on shutdown', async () => {
    const module: TestingModule = await workerModule(env, [SlowHandler]);
    await module.init();
    const producer = module.get(QueueProducer);
    const redis = module.get<Redis>(REDIS);

    await producer.add(SLOW_QUEUE, 'work', { ms: 10, tag: 'quick' });
    for (let i = 0; i < 50 && !finished.includes('quick'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(finished).toContain('quick');
    const keys = await redis.keys(`${env.config.REDIS_PREFIX}:bull:test-slow:*`);
    expect(keys.length).toBeGreaterThan(0);

    // the heartbeat is scheduled at boot; it lands in Redis with the queue lag
    let beat = await readHeartbeat(redis, env.config);
    for (let i = 0; i < 50 && !beat; i++) {
      await new Promise((r) => setTimeout(r, 100));
      beat = await readHeartbeat(redis, env.config);
    }
    expect(beat).not.toBeNull();
    expect(beat!.lagMs).toBeGreaterThanOrEqual(0);
    const heartbeat = await inspectQueue(env.config, SYSTEM_QUEUE, async (queue) => ({ count: await queue.getJobSchedulersCount(), one: await queue.getJobScheduler('heartbeat') }));
    expect(heartbeat.count).toBe(1);
    expect(heartbeat.one).toEqual(expect.objectContaining({ key: 'heartbeat', name: 'heartbeat', every: HEARTBEAT_EVERY_MS }));
    // the worker's queues come from its handlers: the system queue and the one SlowHandler serves
    expect(module.get(QueueHost).queueNames).toEqual(['system', 'test-slow']);

    await producer.add(SLOW_QUEUE, 'work', { ms: 700, tag: 'slow' });
    await inspectQueue(env.config, SLOW_QUEUE, async (queue) => {
      for (let i = 0; i < 50 && (await queue.getActiveCount()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await queue.getActiveCount()).toBe(1);
    });
    await module.close();
    expect(finished).toContain('slow');
  });

  it("reports the heartbeat's lag from when the scheduled beat was due, not from when it was scheduled", async () => {
    // the scheduler adds each next beat HEARTBEAT_EVERY_MS ahead as a delayed job: an idle worker runs it on time
    const module: TestingModule = await workerModule(env, [SlowHandler]);
    await module.init();
    try {
      const redis = module.get<Redis>(REDIS);
      // the first beat may be the boot's immediate one (or an earlier test's): wait for one a whole interval later
      let first = await readHeartbeat(redis, env.config);
      let beat = first;
      const deadline = Date.now() + HEARTBEAT_EVERY_MS + 10_000;
      const later = () => !!first && !!beat && Date.parse(beat.at) - Date.parse(first.at) >= HEARTBEAT_EVERY_MS / 2;
      while (Date.now() < deadline && !later()) {
        await new Promise((r) => setTimeout(r, 200));
        beat = await readHeartbeat(redis, env.config);
        first ??= beat;
      }
      expect(later()).toBe(true);
      expect(beat!.lagMs).toBeLessThan(HEARTBEAT_EVERY_MS / 2);
    } finally {
      await module.close();
    }
  }, 40_000);
});
