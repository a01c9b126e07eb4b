import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { Worker } from 'bullmq';
import { checkHandlers, QUEUE_HANDLERS, servedQueues, type AnyQueueDefinition, type AnyQueueHandler, type QueueJob } from './queue-definition.js';
import { bullPrefix } from './queue-producer.js';
import { createRedis, redisTarget, type RedisClient } from './redis-connection.js';

export const QUEUE_DEFINITIONS = Symbol('QUEUE_DEFINITIONS');

/** Runs one BullMQ worker per declared queue (apps/worker only); closing waits for jobs in flight. */
@Injectable()
export class QueueHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('QueueHost');
  private readonly workers: { worker: Worker; connection: RedisClient }[] = [];

  constructor(
    private readonly config: AppConfig,
    @Inject(QUEUE_DEFINITIONS) private readonly definitions: AnyQueueDefinition[],
    @Inject(QUEUE_HANDLERS) private readonly handlers: AnyQueueHandler[],
  ) {
    const problems = checkHandlers(definitions, handlers);
    if (problems.length) throw new Error(`queue handlers: ${problems.join('; ')}`);
  }

  onApplicationBootstrap(): void {
    for (const definition of this.definitions) {
      const handler = this.handlers.find((h) => servedQueues(h).includes(definition.name))!;
      const connection = createRedis(redisTarget(this.config), 'blocking', `isac-hub:worker:${definition.name}`);
      connection.on('error', () => undefined);
      const worker = new Worker(definition.name, (job) => handler.handle(job as unknown as QueueJob<Record<string, unknown>>), {
        connection,
        prefix: bullPrefix(this.config),
        concurrency: definition.concurrency,
        lockDuration: this.config.QUEUE_LOCK_MS,
        stalledInterval: this.config.QUEUE_LOCK_MS,
        ...(definition.limiter ? { limiter: definition.limiter } : {}),
      });
      worker.on('failed', (job, error) =>
        this.logger.warn({ msg: 'job failed', queue: definition.name, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error.message }),
      );
      worker.on('error', (error) => this.logger.warn({ msg: 'queue connection problem', queue: definition.name, err: error.message }));
      this.workers.push({ worker, connection });
    }
    this.logger.log({ msg: 'queues registered', queues: this.definitions.map((d) => d.name) });
  }

  get queueNames(): string[] {
    return this.definitions.map((d) => d.name);
  }

  async onApplicationShutdown(): Promise<void> {
    // Worker.close() stops taking jobs and waits for the ones running to finish; it closes the
    // connections it duplicated, not the one it was handed, which is ours to close
    await Promise.all(
      this.workers.splice(0).map(async ({ worker, connection }) => {
        await worker.close();
        connection.disconnect();
      }),
    );
    this.logger.log({ msg: 'queues drained and closed' });
  }
}
