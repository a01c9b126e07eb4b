import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@isac/config';
import { assertRedisReachable, QueueHost, redisTarget } from '@isac/messaging';
import { HubLogger } from '@isac/observability';
import { connect, createDataSource } from '@isac/persistence';
import { listenForHealth } from './health-listener.js';
import { WorkerModule } from './worker.module.js';

try {
  const config = loadConfig();
  const probe = createDataSource(config, { poolSize: 1 });
  await connect(probe, config.DATABASE_URL);
  await probe.destroy();
  await assertRedisReachable(redisTarget(config));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new HubLogger(config.LOG_LEVEL, 'isac-worker'),
    abortOnError: false,
  });
  // SIGTERM / SIGINT: stop taking jobs, let the running ones finish, then close connections
  app.enableShutdownHooks();
  await app.init();
  if (config.WORKER_HEALTH_PORT > 0) {
    const health = await listenForHealth(app, config.WORKER_HEALTH_PORT, config.HOST);
    process.once('SIGTERM', () => health.close());
    process.once('SIGINT', () => health.close());
    console.error(`isac-hub worker health on ${config.HOST}:${config.WORKER_HEALTH_PORT} (/health/live, /health/ready)`);
  }
  console.error(`isac-hub worker ready: queues ${app.get(QueueHost).queueNames.join(', ')}`);
} catch (error) {
  console.error(`isac-hub worker cannot start: ${(error as Error).message}`);
  process.exit(1);
}
