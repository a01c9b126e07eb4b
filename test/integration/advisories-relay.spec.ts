// the repository itself: the relay's hand-off is tested without a worker loop racing it
import { AdvisoryRepository } from '@isac/advisories';
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
    for (let i = 0; i < 3; i++) ids.push((await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ title: `relay ${i}` })).expect(201)).body.id);
  });
  afterAll(() => hub.close());

  const outbox = async () => (await hub.db.query(`SELECT advisory_id FROM advisory_outbox ORDER BY advisory_id`)).map((r: { advisory_id: string }) => r.advisory_id);

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
