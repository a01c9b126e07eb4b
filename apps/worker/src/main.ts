import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@isac/config';
import { assertRedisReachable, QueueHost } from '@isac/messaging';
import { JsonLogger } from '@isac/observability';
import { connect, createDataSource } from '@isac/persistence';
import { WorkerModule } from './worker.module.js';

try {
  const config = loadConfig();
  const probe = createDataSource(config, { poolSize: 1 });
  await connect(probe, config.DATABASE_URL);
  await probe.destroy();
  await assertRedisReachable(config.REDIS_URL);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new JsonLogger(config.LOG_LEVEL, 'isac-worker'),
    abortOnError: false,
  });
  // SIGTERM / SIGINT: stop taking jobs, let the running ones finish, then close connections
  app.enableShutdownHooks();
  await app.init();
  console.error(`isac-hub worker ready: queues ${app.get(QueueHost).queueNames.join(', ')}`);
} catch (error) {
  console.error(`isac-hub worker cannot start: ${(error as Error).message}`);
  process.exit(1);
}
