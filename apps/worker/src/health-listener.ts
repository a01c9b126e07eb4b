import { createServer, type Server } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { REDIS, type RedisClient } from '@isac/messaging';
import { failingChecks, timedCheck } from '@isac/observability';
import { pingDatabase } from '@isac/persistence';
import { DataSource } from 'typeorm';

const CHECK_TIMEOUT_MS = 2000;

/**
 * The worker's probes for an orchestrator: `/health/live` answers while the process runs,
 * `/health/ready` while PostgreSQL and Redis answer it (503 naming the one that does not).
 * Nothing else is served; any other path or method is 404.
 */
export async function listenForHealth(app: INestApplicationContext, port: number, host: string): Promise<Server> {
  const dataSource = app.get(DataSource);
  const redis = app.get<RedisClient>(REDIS);
  const server = createServer((request, response) => {
    const answer = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' || (path !== '/health/live' && path !== '/health/ready')) {
      answer(404, { status: 404, title: 'Not Found', detail: 'the worker serves only GET /health/live and GET /health/ready' });
      return;
    }
    if (path === '/health/live') {
      answer(200, { status: 'live' });
      return;
    }
    void Promise.all([
      timedCheck(() => pingDatabase(dataSource), CHECK_TIMEOUT_MS),
      timedCheck(() => redis.ping(), CHECK_TIMEOUT_MS),
    ]).then(([postgres, redisCheck]) => {
      const checks = { postgres, redis: redisCheck };
      const ready = postgres.status === 'up' && redisCheck.status === 'up';
      answer(ready ? 200 : 503, ready ? { status: 'ready', checks } : { status: 'unavailable', checks, detail: `not ready: ${failingChecks(checks)}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
