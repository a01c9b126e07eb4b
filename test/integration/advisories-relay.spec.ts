import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
// the repository itself: the relay's hand-off is tested without a worker loop racing it
import { AdvisoryRepository, ROUTE_JOB_SIZE, ROUTE_QUEUE } from '@isac/advisories';
import { QueueProducer } from '@isac/messaging';
import { bearer } from '../factories/bearer.js';
import { advisoryRequest } from '../factories/advisories.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

describe('the outbox relay step', () => {
  let hub: AdvisoryHub;
  let ids: string[];

  beforeAll(async () => {
    hub = await startAdvisoryHub({ worker: false });
    const energy = await hub.key('energy', ['analyst']);
    ids = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (
          await hub.http
            .post('/api/v1/advisories')
            .set(bearer(energy))
            .send(advisoryRequest({ title: `relay ${i}` }))
            .expect(201)
        ).body.id,
      );
  });
  afterAll(() => hub.close());

  const outbox = async () =>
    (await hub.db.query(`SELECT advisory_id FROM advisory_outbox ORDER BY advisory_id`)).map((r: { advisory_id: string }) => r.advisory_id);

  it('puts the rows back when the hand-off to the queue fails, and hands each over once when it succeeds', async () => {
    const repository = new AdvisoryRepository(hub.db);
    expect(await outbox()).toEqual([...ids].sort());
    await expect(repository.relayOutbox(10, async () => Promise.reject(new Error('Redis away')))).rejects.toThrow('Redis away');
    expect(await outbox()).toEqual([...ids].sort());

    const handed: { advisoryId: string; redrives: number }[] = [];
    expect(await repository.relayOutbox(10, async (items) => void handed.push(...items))).toBe(3);
    expect(handed.map((h) => h.advisoryId).sort()).toEqual([...ids].sort());
    expect(handed.every((h) => h.redrives === 0)).toBe(true);
    expect(await outbox()).toEqual([]);
    const [{ relayed }] = await hub.db.query(`SELECT count(*)::int AS relayed FROM advisories WHERE id = ANY($1) AND relayed_at IS NOT NULL`, [ids]);
    expect(relayed).toBe(3);
    expect(await repository.relayOutbox(10, async () => Promise.reject(new Error('not called')))).toBe(0);
  });
});

describe('route jobs', () => {
  it('carry up to ROUTE_JOB_SIZE advisories each, and route every one of them once; a job of one advisory (the shape queued before) is still served', async () => {
    const hub = await startAdvisoryHub({ worker: false });
    const connection = new Redis(hub.env.config.REDIS_URL, { maxRetriesPerRequest: null });
    const routeQueue = new Queue('route', { connection, prefix: `${hub.env.config.REDIS_PREFIX}:bull` });
    try {
      const energy = await hub.key('energy', ['analyst']);
      const count = ROUTE_JOB_SIZE + 3;
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        ids.push(
          (
            await hub.http
              .post('/api/v1/advisories')
              .set(bearer(energy))
              .send(advisoryRequest({ title: `batch ${i}`, audience: { organisations: ['health'] } }))
              .expect(201)
          ).body.id,
        );
      }
      // one more, taken out of the outbox and queued as a job of one advisory, as before batching
      const single = (
        await hub.http
          .post('/api/v1/advisories')
          .set(bearer(energy))
          .send(advisoryRequest({ title: 'single', audience: { organisations: ['health'] } }))
          .expect(201)
      ).body.id;
      await hub.db.query(`DELETE FROM advisory_outbox WHERE advisory_id = $1`, [single]);
      // held in Redis while the relay hands the outbox over, so the jobs can be looked at
      await routeQueue.pause();
      await hub.app.get(QueueProducer).add(ROUTE_QUEUE, 'route', { advisoryId: single }, { jobId: single });
      await hub.startWorker();
      await hub.until(
        'relayed',
        async () => (await hub.db.query(`SELECT count(*)::int AS n FROM advisories WHERE id = ANY($1) AND relayed_at IS NOT NULL`, [ids]))[0].n === count,
      );
      const jobs = await routeQueue.getJobs(['waiting']);
      const batches = jobs.filter((j) => j.id !== single).map((j) => (j.data as { advisoryIds: string[] }).advisoryIds);
      expect(batches.every((b) => b.length <= ROUTE_JOB_SIZE)).toBe(true);
      expect(batches.length).toBeLessThan(count / 2);
      expect(batches.flat().sort()).toEqual([...ids].sort());
      expect(jobs.find((j) => j.id === single)?.data).toEqual({ advisoryId: single });

      await routeQueue.resume();
      const all = [...ids, single];
      await hub.until(
        'routed',
        async () => (await hub.db.query(`SELECT count(*)::int AS n FROM advisories WHERE id = ANY($1) AND routed_at IS NOT NULL`, [all]))[0].n === all.length,
      );
      const entries: { advisory_id: string; n: number }[] = await hub.db.query(
        `SELECT d.advisory_id, count(*)::int AS n FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE d.advisory_id = ANY($1) AND o.slug = 'health' GROUP BY 1`,
        [all],
      );
      expect(entries).toHaveLength(all.length);
      expect(entries.every((e) => e.n === 1)).toBe(true);
    } finally {
      await routeQueue.close();
      connection.disconnect(); // BullMQ leaves a connection it was handed open
      await hub.close();
    }
  }, 60_000);
});
