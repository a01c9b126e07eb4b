import { type ApiHarness, startApi } from '../support/api-harness.js';
import { startOwnRedis } from '../support/processes.js';

describe('health', () => {
  let hub: ApiHarness;
  let redis: Awaited<ReturnType<typeof startOwnRedis>>;

  beforeAll(async () => {
    redis = await startOwnRedis();
    hub = await startApi({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await hub.close();
    await redis.stop();
  });

  it('is live and ready, without a key, when PostgreSQL and Redis answer', async () => {
    await hub.http.get('/health/live').expect(200, { status: 'live' });
    const res = await hub.http.get('/health/ready').expect(200);
    expect(res.body).toMatchObject({ status: 'ready', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('goes 503 naming Redis when Redis stops, and stays live', async () => {
    await redis.stop();
    const res = await hub.http.get('/health/ready').expect(503);
    expect(res.body).toMatchObject({ status: 'unavailable', checks: { postgres: { status: 'up' }, redis: { status: 'down' } } });
    expect(res.body.detail).toMatch(/^not ready: redis: /);
    expect(res.body.detail).not.toContain('postgres');
    await hub.http.get('/health/live').expect(200);
  });
});
