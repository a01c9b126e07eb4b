import { createTestEnv, type TestEnv } from '../support/test-env.js';
import { built, freePort, runToEnd, start } from '../support/processes.js';

const KEY = /^isac_[0-9a-f]{8}\.[A-Za-z0-9_-]{43}$/;

describe('the built processes', () => {
  let env: TestEnv;
  let vars: Record<string, string>;

  beforeAll(async () => {
    env = await createTestEnv();
    vars = {
      DATABASE_URL: env.config.DATABASE_URL,
      REDIS_URL: env.config.REDIS_URL,
      REDIS_PREFIX: env.config.REDIS_PREFIX,
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
    };
    const seeded = await runToEnd(built('cli'), ['db', 'setup'], vars);
    expect(seeded).toMatchObject({ code: 0 });
    expect(seeded.stderr).toContain('network seeded: ');
  });
  afterAll(() => env.dispose());

  describe('refuse to boot with one clear line', () => {
    it.each([
      ['a port that is no number', { PORT: 'abc' }, /^isac-hub API cannot start: invalid configuration: PORT="abc" must be an integer port number/],
      ['an unknown log level', { LOG_LEVEL: 'chatty' }, /LOG_LEVEL="chatty" must be one of/],
      ['a database URL of another kind', { DATABASE_URL: 'mysql://root@127.0.0.1/isac' }, /DATABASE_URL=.* must be a PostgreSQL URL/],
      ['an unreachable database', { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/isac' }, /PostgreSQL at 127\.0\.0\.1:1 is not reachable \(ECONNREFUSED\)/],
      ['an unreachable Redis', { REDIS_URL: 'redis://127.0.0.1:1' }, /Redis at 127\.0\.0\.1:1 is not reachable/],
    ])('the API, given %s', async (_, bad, message) => {
      const result = await runToEnd(built('api'), [], { ...vars, PORT: '0', ...bad });
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });

    it('the worker, given an unreachable Redis', async () => {
      const result = await runToEnd(built('worker'), [], { ...vars, REDIS_URL: 'redis://127.0.0.1:1' });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toMatch(/^isac-hub worker cannot start: Redis at 127\.0\.0\.1:1 is not reachable[^\n]*$/);
    });
  });

  it('a key made with the CLI lists the centre and six sector units through the running API', async () => {
    const created = await runToEnd(built('cli'), ['keys', 'create', '--org', 'centre', '--roles', 'admin,analyst'], vars);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(new RegExp(`^${KEY.source.slice(1, -1)}\\n$`));
    const key = created.stdout.trim();

    const port = await freePort();
    const api = start(built('api'), [], { ...vars, PORT: String(port) });
    try {
      await api.waitFor(/API listening on/);
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/organisations`, { headers: { Authorization: `Bearer ${key}` } });
      expect(res.status).toBe(200);
      const { organisations } = (await res.json()) as { organisations: { slug: string; kind: string }[] };
      expect(organisations.filter((o) => o.kind !== 'member').map((o) => o.slug).sort()).toEqual(
        ['centre', 'energy', 'finance', 'health', 'shipping', 'telecom', 'transport'],
      );
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(200);
      // structured logs carry the request id and the key prefix, never the key
      expect(api.output()).toMatch(/"msg":"request","method":"GET","path":"\/api\/v1\/organisations","status":200/);
      expect(api.output()).not.toContain(key);
    } finally {
      api.child.kill('SIGTERM');
      await api.exited();
    }
  });

  it('the CLI lists and revokes keys, and says what is wrong with a bad request', async () => {
    const created = await runToEnd(built('cli'), ['keys', 'create', '--org', 'energy', '--roles', 'reporter'], vars);
    const prefix = created.stdout.trim().split('.')[0];
    const listed = await runToEnd(built('cli'), ['keys', 'list', '--json'], vars);
    expect(JSON.parse(listed.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ prefix, organisation: 'energy', revokedAt: null })]));
    const labelled = (await runToEnd(built('cli'), ['keys', 'create', '--org', 'energy', '--roles', 'analyst', '--label', 'SOC pipeline'], vars)).stdout.trim().split('.')[0];
    const rows = (await runToEnd(built('cli'), ['keys', 'list'], vars)).stdout.split('\n');
    expect(rows[0]).toMatch(/^PREFIX\s+ORGANISATION\s+ROLES\s+LABEL\s+CREATED\s+LAST USED\s+REVOKED$/);
    expect(rows.find((r) => r.startsWith(labelled))).toMatch(/\sanalyst\s+SOC pipeline\s/);
    expect(await runToEnd(built('cli'), ['keys', 'revoke', prefix], vars)).toMatchObject({ code: 0 });
    const again = await runToEnd(built('cli'), ['keys', 'revoke', prefix], vars);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[KEY.NOT_FOUND]');
    const unknown = await runToEnd(built('cli'), ['keys', 'create', '--org', 'atlantis', '--roles', 'analyst'], vars);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toContain('[ORG.NOT_FOUND]');
    const orgs = await runToEnd(built('cli'), ['orgs', 'list'], vars);
    expect(orgs.stdout.split('\n')[0]).toMatch(/^SLUG\s+KIND\s+SECTOR\s+PARENT\s+NAME$/);
    expect(orgs.stdout).toContain('centre');
  });

  it('the worker registers its queues, beats, and drains on SIGTERM', async () => {
    const worker = start(built('worker'), [], vars);
    await worker.waitFor(/worker ready: queues system/);
    worker.child.kill('SIGTERM');
    const exit = await worker.exited();
    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    expect(worker.output()).toContain('queues drained and closed');
  });

  it('the worker answers its probes on WORKER_HEALTH_PORT and nothing else; without it, no port is opened', async () => {
    const port = await freePort();
    const worker = start(built('worker'), [], { ...vars, WORKER_HEALTH_PORT: String(port) });
    try {
      await worker.waitFor(/worker ready: queues system/);
      const live = await fetch(`http://127.0.0.1:${port}/health/live`);
      expect([live.status, await live.json()]).toEqual([200, { status: 'live' }]);
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });
      for (const [method, path] of [['GET', '/metrics'], ['POST', '/health/ready'], ['GET', '/api/v1/organisations']]) {
        const other = await fetch(`http://127.0.0.1:${port}${path}`, { method });
        expect([method, path, other.status]).toEqual([method, path, 404]);
      }
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited();
    }
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();

    const quiet = start(built('worker'), [], vars);
    try {
      await quiet.waitFor(/worker ready: queues system/);
      expect(quiet.output()).not.toContain('worker health on');
    } finally {
      quiet.child.kill('SIGTERM');
      await quiet.exited();
    }
  });
});
