import { spawn } from 'node:child_process';
import { NetworkDirectory } from '@isac/organisations';
import { RouterService } from '@isac/advisories';
import { Redis } from 'ioredis';
import { bearer } from '../factories/bearer.js';
import { advisoryRequest } from '../factories/advisories.js';
import { ADVISORY_TEST_ENV, startAdvisoryHub, startReceiver, type AdvisoryHub } from '../support/advisories-harness.js';
import { built, start, startOwnRedis, type Running } from '../support/processes.js';

async function addMembers(hub: AdvisoryHub, count: number, prefix: string): Promise<void> {
  await hub.db.query(
    `INSERT INTO organisations (slug, name, kind, sector, parent_id, stix_identity_id)
     SELECT $2 || g, 'Bulk member ' || g, 'member', 'energy', (SELECT id FROM organisations WHERE slug = 'energy'), 'identity--' || gen_random_uuid()
       FROM generate_series(1, $1::int) g`,
    [count, prefix],
  );
  hub.app.get(NetworkDirectory).invalidate();
}

async function publishMany(hub: AdvisoryHub, key: string, count: number, overrides: Record<string, unknown> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, (_, j) =>
        hub.http.post('/api/v1/advisories').set(bearer(key)).send(advisoryRequest({ title: `fan-out ${i + j}`, tlp: 'TLP:GREEN', audience: { all: true }, ...overrides })).expect(201),
      ),
    );
    ids.push(...batch.map((r) => r.body.id));
  }
  return ids;
}

/** every advisory routed, each organisation but the author exactly once */
async function expectExactlyOnce(hub: AdvisoryHub, ids: string[], authorSlug: string, timeoutMs = 30_000): Promise<void> {
  await hub.until('all advisories routed', async () => (await hub.db.query(`SELECT count(*)::int AS n FROM advisories WHERE id = ANY($1) AND routed_at IS NOT NULL`, [ids]))[0].n === ids.length, timeoutMs);
  const [{ orgs }] = await hub.db.query(`SELECT count(*)::int AS orgs FROM organisations WHERE slug <> $1`, [authorSlug]);
  const rows: { advisory_id: string; n: number; distinct_orgs: number }[] = await hub.db.query(
    `SELECT advisory_id, count(*)::int AS n, count(DISTINCT org_id)::int AS distinct_orgs FROM deliveries WHERE advisory_id = ANY($1) GROUP BY advisory_id`,
    [ids],
  );
  expect(rows).toHaveLength(ids.length);
  for (const row of rows) expect(row).toEqual({ advisory_id: row.advisory_id, n: orgs, distinct_orgs: orgs });
  const [{ authorRows }] = await hub.db.query(`SELECT count(*)::int AS "authorRows" FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE o.slug = $1 AND d.advisory_id = ANY($2)`, [authorSlug, ids]);
  expect(authorRows).toBe(0);
}

describe('advisory routing under faults', () => {
  it('a worker killed in the middle of a large fan-out: after restart every recipient has exactly one inbox entry', async () => {
    const hub = await startAdvisoryHub({ worker: false });
    let worker: Running | null = null;
    try {
      await addMembers(hub, 3000, 'bulk-');
      const energy = await hub.key('energy', ['analyst']);
      const ids = await publishMany(hub, energy, 30);
      const config = hub.env.config;
      const env = { DATABASE_URL: config.DATABASE_URL, REDIS_URL: config.REDIS_URL, REDIS_PREFIX: config.REDIS_PREFIX, LOG_LEVEL: 'warn', ...ADVISORY_TEST_ENV };
      worker = start(built('worker'), [], env);
      await worker.waitFor(/worker ready/);
      // the worker's host is lost in the middle of the fan-out statement: the process dies and its
      // database session with it (a dead process alone would let PostgreSQL finish and commit)
      const routeStatement = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'
        AND query LIKE '%INSERT INTO deliveries%' AND pid <> pg_backend_pid()`;
      const started = Date.now();
      let running: { pid: number }[] = [];
      while (running.length === 0) {
        if (Date.now() - started > 30_000) throw new Error('no route statement seen within 30 s');
        running = await hub.db.query(routeStatement);
        if (running.length === 0) await new Promise((r) => setTimeout(r, 5));
      }
      worker.child.kill('SIGKILL');
      await hub.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY($1)`, [running.map((r) => r.pid)]);
      await worker.exited();
      const [{ unrouted }] = await hub.db.query(`SELECT count(*)::int AS unrouted FROM advisories WHERE routed_at IS NULL`);
      expect(unrouted).toBeGreaterThan(0); // the kill really hit the middle of the work
      worker = start(built('worker'), [], env);
      await worker.waitFor(/worker ready/);
      await expectExactlyOnce(hub, ids, 'energy', 60_000);
    } finally {
      if (worker && worker.child.exitCode === null) {
        worker.child.kill('SIGTERM');
        await worker.exited();
      }
      await hub.close();
    }
  });

  it('Redis flushed while advisories are in flight: all reach every entitled recipient once, webhooks at least once', async () => {
    const redis = await startOwnRedis();
    const receiver = await startReceiver();
    const hub = await startAdvisoryHub({ env: { REDIS_URL: redis.url } });
    const flusher = new Redis(redis.url);
    try {
      const centreAdmin = await hub.key('centre', ['admin']);
      for (const slug of ['health', 'litware', 'finance']) {
        await hub.http.put(`/api/v1/organisations/${slug}/webhook`).set(bearer(centreAdmin)).send({ url: receiver.url(`/hook/${slug}`), secret: 'flush-secret-0123456789' }).expect(200);
      }
      const energy = await hub.key('energy', ['analyst']);
      const publishing = publishMany(hub, energy, 40);
      // flush repeatedly while publishing and routing go on: queues, jobs and schedules vanish
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 100));
        await flusher.flushall();
      }
      const ids = await publishing;
      await flusher.flushall();
      await expectExactlyOnce(hub, ids, 'energy');
      await hub.until('every push delivered', async () => {
        const [{ n }] = await hub.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE advisory_id = ANY($1) AND webhook_state = 'delivered'`, [ids]);
        return n === ids.length * 3;
      }, 30_000);
      for (const slug of ['health', 'litware', 'finance']) {
        const got = new Set(receiver.received.filter((r) => r.path === `/hook/${slug}`).map((r) => JSON.parse(r.body).advisory.id));
        expect(got.size).toBe(ids.length);
      }
    } finally {
      flusher.disconnect();
      await hub.close();
      await receiver.close();
      await redis.stop();
    }
  });

  it('Redis down and back (same address, empty): publishing keeps accepting, and the relay delivers everything afterwards', async () => {
    const first = await startOwnRedis();
    const port = new URL(first.url).port;
    const hub = await startAdvisoryHub({ env: { REDIS_URL: first.url } });
    let second: ReturnType<typeof spawn> | null = null;
    try {
      const energy = await hub.key('energy', ['analyst']);
      const before = await publishMany(hub, energy, 10);
      await first.stop();
      const during = await publishMany(hub, energy, 20); // the API needs PostgreSQL only
      second = spawn('redis-server', ['--port', port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await expectExactlyOnce(hub, [...before, ...during], 'energy', 45_000);
    } finally {
      await hub.close();
      if (second && second.exitCode === null) {
        const gone = new Promise((r) => second!.once('exit', r));
        second.kill('SIGKILL');
        await gone;
      }
    }
  });

  it('two workers on the same queues share the work without double inbox entries', async () => {
    const hub = await startAdvisoryHub();
    let other: Awaited<ReturnType<typeof startSecondWorker>> | undefined;
    try {
      await addMembers(hub, 300, 'pair-');
      other = await startSecondWorker(hub);
      const routedBy = [0, 0];
      for (const [i, worker] of [hub.worker!, other].entries()) {
        const router = worker.get(RouterService, { strict: false });
        const route = router.route.bind(router);
        router.route = async (id: string) => {
          routedBy[i] += 1;
          return route(id);
        };
      }
      const energy = await hub.key('energy', ['analyst']);
      const ids = await publishMany(hub, energy, 60);
      await expectExactlyOnce(hub, ids, 'energy');
      expect(routedBy[0]).toBeGreaterThan(0);
      expect(routedBy[1]).toBeGreaterThan(0);
    } finally {
      await other?.close();
      await hub.close();
    }
  });
});

/** a second worker in this process, on the same database and queues */
async function startSecondWorker(hub: AdvisoryHub) {
  const { NestFactory } = await import('@nestjs/core');
  const { WorkerModule } = await import('../../apps/worker/src/worker.module.js');
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(hub.env.config), { logger: false, abortOnError: false });
  await worker.init();
  return worker;
}
