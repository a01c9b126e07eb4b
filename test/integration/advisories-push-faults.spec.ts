import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { NetworkDirectory } from '@isac/organisations';
import { bearer } from '../factories/bearer.js';
import { advisoryRequest } from '../factories/advisories.js';
import { ADVISORY_TEST_ENV, startAdvisoryHub, startReceiver, type AdvisoryHub } from '../support/advisories-harness.js';
import { built, start, type Running } from '../support/processes.js';

/** Deletes every key of this test's prefix on the shared Redis (never FLUSHALL: other runs share the server). */
async function wipePrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

async function addHookedMembers(hub: AdvisoryHub, count: number, prefix: string, url: (slug: string) => string): Promise<string[]> {
  const rows: { id: string; slug: string }[] = await hub.db.query(
    `INSERT INTO organisations (slug, name, kind, sector, parent_id, stix_identity_id)
     SELECT $2 || g, 'Hooked member ' || g, 'member', 'energy', (SELECT id FROM organisations WHERE slug = 'energy'), 'identity--' || gen_random_uuid()
       FROM generate_series(1, $1::int) g RETURNING id, slug`,
    [count, prefix],
  );
  for (const r of rows) await hub.db.query(`INSERT INTO webhooks (org_id, url, secret) VALUES ($1, $2, 'fault-secret-0123456789')`, [r.id, url(r.slug)]);
  hub.app.get(NetworkDirectory).invalidate();
  return rows.map((r) => r.slug);
}

describe('webhook pushes under faults', () => {
  it('a worker killed (SIGKILL) in the middle of a webhook fan-out: a fresh worker finishes every push, each received at least once', async () => {
    const receiver = await startReceiver();
    const hub = await startAdvisoryHub({ worker: false });
    let worker: Running | null = null;
    try {
      const slugs = await addHookedMembers(hub, 150, 'hooked-', (slug) => receiver.url(`/hook/${slug}`));
      const energy = await hub.key('energy', ['analyst']);
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        ids.push((await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ title: `hooked ${i}`, tlp: 'TLP:GREEN', audience: { sectors: ['energy'] } })).expect(201)).body.id);
      }
      const config = hub.env.config;
      const env = { DATABASE_URL: config.DATABASE_URL, REDIS_URL: config.REDIS_URL, REDIS_PREFIX: config.REDIS_PREFIX, LOG_LEVEL: 'info', ...ADVISORY_TEST_ENV, WEBHOOK_RATE_PER_SECOND: '200' };
      worker = start(built('worker'), [], env);
      await worker.waitFor(/worker ready/);
      await hub.until('the fan-out under way', async () => receiver.received.length >= 100, 30_000);
      worker.child.kill('SIGKILL');
      await worker.exited();
      const [{ pending }] = await hub.db.query(`SELECT count(*)::int AS pending FROM deliveries WHERE advisory_id = ANY($1) AND webhook_state = 'pending'`, [ids]);
      expect(pending).toBeGreaterThan(0); // the kill hit the middle of the pushes
      const killedAt = Date.now();
      worker = start(built('worker'), [], env);
      await worker.waitFor(/worker ready/);
      await hub.until('every push delivered', async () => {
        const [{ n }] = await hub.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE advisory_id = ANY($1) AND webhook_state = 'delivered'`, [ids]);
        return n === ids.length * slugs.length;
      }, 150_000);
      const recoveredInMs = Date.now() - killedAt;
      for (const slug of slugs) {
        const got = new Set(receiver.received.filter((r) => r.path === `/hook/${slug}`).map((r) => JSON.parse(r.body).advisory.id));
        expect(got.size).toBe(ids.length);
      }
      // what the dead worker held stays an `active` job in Redis until BullMQ's stall check (30 s lock,
      // checked every 30 s) gives it back; the reconciler's re-queue (same job id) is a no-op meanwhile,
      // so recovery is bounded by the stall check, not RECONCILE_AFTER_MS (measured: about 60 s, and
      // once, in a clean-clone run of 2026-12-07, over 90 s, not yet explained: the bound allows it)
      expect(recoveredInMs).toBeLessThan(150_000);
      // the fresh worker's reconciler found the pushes left pending, and logged it
      expect(worker.output()).toMatch(/"msg":"reconciled".*"pushes":[1-9]/);
    } finally {
      if (worker && worker.child.exitCode === null) {
        worker.child.kill('SIGTERM');
        await worker.exited();
      }
      await hub.close();
      await receiver.close();
    }
  }, 240_000);

  it('every key of the prefix deleted while routing waits and pushes retry: the reconciler re-drives both within about RECONCILE_AFTER_MS', async () => {
    let failFirst = true;
    const receiver = await startReceiver(() => (failFirst ? 500 : 200));
    const hub = await startAdvisoryHub({ env: { WEBHOOK_BACKOFF_MS: '5000' } });
    const config = hub.env.config;
    const redis = new Redis(config.REDIS_URL);
    const queueConnection = redis.duplicate();
    const routeQueue = new Queue('route', { connection: queueConnection, prefix: `${config.REDIS_PREFIX}:bull` });
    try {
      const slugs = await addHookedMembers(hub, 5, 'wiped-', (slug) => receiver.url(`/hook/${slug}`));
      const energy = await hub.key('energy', ['analyst']);
      // pushes fail once and wait 5 s (back-off) in Redis for their next try
      const first = (await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ title: 'retrying pushes', tlp: 'TLP:GREEN', audience: { sectors: ['energy'] } })).expect(201)).body.id;
      await hub.until('first tries failed', async () => (await hub.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE advisory_id = $1 AND webhook_attempts = 1`, [first]))[0].n === slugs.length);
      failFirst = false;
      // routing waits: the route queue is paused, so the relay's jobs sit in Redis
      await routeQueue.pause();
      const waiting = (await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ title: 'waiting to be routed', tlp: 'TLP:GREEN', audience: { sectors: ['energy'] } })).expect(201)).body.id;
      await hub.until('relayed', async () => (await hub.db.query(`SELECT relayed_at FROM advisories WHERE id = $1`, [waiting]))[0].relayed_at !== null);
      expect(await wipePrefix(redis, config.REDIS_PREFIX)).toBeGreaterThan(0);
      const wipedAt = Date.now();
      await hub.until('routed after the wipe', async () => (await hub.db.query(`SELECT routed_at FROM advisories WHERE id = $1`, [waiting]))[0].routed_at !== null, 10_000);
      const routedAfterMs = Date.now() - wipedAt;
      await hub.until('pushes delivered after the wipe', async () => (await hub.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE advisory_id = ANY($1) AND webhook_state = 'delivered'`, [[first, waiting]]))[0].n === 2 * slugs.length, 10_000);
      const deliveredAfterMs = Date.now() - wipedAt;
      // RECONCILE_AFTER_MS 1 s, the reconciler looking every 250 ms: bounded well below the 5 s back-off the lost jobs had
      expect(routedAfterMs).toBeLessThan(2_500);
      expect(deliveredAfterMs).toBeLessThan(4_000);
      for (const slug of slugs) expect(new Set(receiver.received.filter((r) => r.path === `/hook/${slug}`).map((r) => JSON.parse(r.body).advisory.id))).toEqual(new Set([first, waiting]));
    } finally {
      await routeQueue.close();
      queueConnection.disconnect(); // BullMQ leaves a connection it was handed open
      redis.disconnect();
      await hub.close();
      await receiver.close();
    }
  }, 60_000);
});
