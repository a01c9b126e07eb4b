import type { Principal } from '@isac/auth';
import { StixStoreService, type StoreProblem } from '@isac/stix-store';
import { UnitOfWork } from '@isac/unit-of-work';
import { DataSource } from 'typeorm';
import { newToolId, tool } from '../factories/stix-bundles.js';
import { startIncidents, type IncidentsHarness } from '../support/incidents-harness.js';
import { whileFirstOpen } from '../support/interleaved-transactions.js';

// Two submissions of the same STIX id in two transactions at once (two filings, a TAXII envelope
// and a filing): each must see what the other committed before deciding which version is current
// (STIX 2.1 §3.6) and whether the id is revoked (§3.6.2). The transactions are interleaved in one
// fixed order: the first writes and stays open while the second runs as far as it can.
describe('the STIX store under concurrent submissions of the same ids', () => {
  let hub: IncidentsHarness;
  let store: StixStoreService;
  let db: DataSource;
  let units: UnitOfWork;
  let energy: Principal;
  let centreId: string;

  beforeAll(async () => {
    hub = await startIncidents();
    energy = hub.principal('energy');
    centreId = hub.network.centre().id;
    store = hub.module.get(StixStoreService);
    db = hub.db;
    units = hub.module.get(UnitOfWork);
  });
  afterAll(() => hub.close());

  const options = () => ({ authorOrgId: energy.organisation.id, recipientOrgIds: [centreId], tlp: 'TLP:AMBER' as const });
  const newId = newToolId;
  const day = (d: number) => `2026-01-0${d}T00:00:00Z`;
  const versionsOf = async (ids: string[]): Promise<string[]> =>
    (await db.query(`SELECT stix_id, version, is_current FROM stix_objects WHERE stix_id = ANY($1) ORDER BY stix_id, modified_at`, [ids])).map(
      (r: { stix_id: string; version: string; is_current: boolean }) => `${ids.indexOf(r.stix_id)} ${r.version}${r.is_current ? ' current' : ''}`,
    );

  /** As the incident and TAXII paths do: the store's checks, then storage, in one unit of work. */
  const submit = (objects: Record<string, unknown>[]) => async (): Promise<StoreProblem[]> => {
    const checked = await store.checkForStorage(objects, { orgId: energy.organisation.id });
    if (checked.problems.length === 0) await store.store(objects, options(), checked);
    return checked.problems;
  };

  it.each([
    ['the later version first', 3, 2],
    ['the later version second', 2, 3],
  ])('a new id, two versions at once (%s): exactly one current, the later', async (_, firstDay, secondDay) => {
    const id = newId();
    const { result, waited } = await whileFirstOpen(db, submit([tool(id, day(firstDay))]), submit([tool(id, day(secondDay))]));
    expect(result).toEqual([]);
    expect(await versionsOf([id])).toEqual([`0 ${day(2)}`, `0 ${day(3)} current`]);
    // the second saw the first's version only once it was committed
    expect(waited).toBe(true);
  });

  it.each([
    ['the later version first', 4, 3],
    ['the later version second', 3, 4],
  ])('a held id, two newer versions at once (%s): exactly one current, the latest', async (_, firstDay, secondDay) => {
    const id = newId();
    await store.store([tool(id, day(1))], options());
    const { result } = await whileFirstOpen(db, submit([tool(id, day(firstDay))]), submit([tool(id, day(secondDay))]));
    expect(result).toEqual([]);
    expect(await versionsOf([id])).toEqual([`0 ${day(1)}`, `0 ${day(3)}`, `0 ${day(4)} current`]);
  });

  it('a new version while another transaction revokes the id: refused once the revocation is committed', async () => {
    const id = newId();
    await store.store([tool(id, day(1))], options());
    const { result } = await whileFirstOpen(db, submit([tool(id, day(2), { revoked: true })]), submit([tool(id, day(3))]));
    expect(result).toEqual([expect.objectContaining({ code: 'STIX.REVOKED', index: 0, id, pointer: '/objects/0' })]);
    expect(await versionsOf([id])).toEqual([`0 ${day(1)}`, `0 ${day(2)} current`]);
  });

  // the ids' locks are taken in ascending order (id-locks.spec.ts), so opposite orders cannot wait crosswise
  it('two submissions of the same 2,000 ids in opposite orders, started together: both stored, one current each', async () => {
    for (let round = 0; round < 3; round++) {
      const ids = Array.from({ length: 2_000 }, newId);
      // every id new to both; half of them the later version in each submission
      const one = ids.map((id, i) => tool(id, day(i % 2 === 0 ? 2 : 3)));
      const other = ids.map((id, i) => tool(id, day(i % 2 === 0 ? 3 : 2))).reverse();
      const results = await Promise.all([units.run(submit(one)), units.run(submit(other))]);
      expect(results).toEqual([[], []]);
      const [current] = await db.query(
        `SELECT count(*)::int AS n, count(DISTINCT stix_id)::int AS ids, bool_and(version = $2) AS latest FROM stix_objects WHERE stix_id = ANY($1) AND is_current`,
        [ids, day(3)],
      );
      expect(current).toEqual({ n: 2_000, ids: 2_000, latest: true });
    }
  });
});
