import { loadConfig } from '@isac/config';
import { assertRedisReachable, redisTarget } from '@isac/messaging';
import { connect, createDataSource } from '@isac/persistence';
import { createApi } from './create-api.js';

async function checkServices(config: ReturnType<typeof loadConfig>): Promise<void> {
  const probe = createDataSource(config, { poolSize: 1 });
  await connect(probe, config.DATABASE_URL);
  await probe.destroy();
  await assertRedisReachable(redisTarget(config));
}

try {
  const config = loadConfig();
  await checkServices(config);
  const app = await createApi(config);
  await app.listen(config.PORT, config.HOST);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  console.error(`isac-hub API listening on ${url} (console: ${url}/, docs: ${url}/docs)`);
} catch (error) {
  // bad configuration or a missing service: one line, no stack trace
  console.error(`isac-hub API cannot start: ${(error as Error).message}`);
  process.exit(1);
}
