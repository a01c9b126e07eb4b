import { randomUUID } from 'node:crypto';
import { StixStoreService } from '@isac/stix-store';
import { TaxiiModule, TaxiiWriteService } from '@isac/taxii';
import { startIncidents, type IncidentsHarness } from '../support/incidents-harness.js';
import { whileFirstOpen } from '../support/interleaved-transactions.js';

// A TAXII delete (§5.6) and a store of the same STIX id in two transactions at once: each must
// see what the other committed before it marks the current version (STIX 2.1 §3.6), so that
// exactly one version stays current — the latest remaining — whichever runs first.
describe('TAXII delete alongside a store of the same id', () => {
  let hub: IncidentsHarness;
  let store: StixStoreService;
  let writes: TaxiiWriteService;

  beforeAll(async () => {
    hub = await startIncidents([TaxiiModule]);
    store = hub.module.get(StixStoreService);
    writes = hub.module.get(TaxiiWriteService);
  });
  afterAll(() => hub.close());

  const options = () => ({ authorOrgId: hub.network.bySlug('energy')!.id, recipientOrgIds: [hub.network.centre().id], tlp: 'TLP:AMBER' as const });
  const day = (d: number) => `2026-01-0${d}T00:00:00Z`;
  const tool = (id: string, d: number) => ({ type: 'tool', spec_version: '2.1', id, created: day(1), modified: day(d), name: `tool ${d}` });
  const versionsOf = async (id: string): Promise<string[]> =>
    (await hub.db.query(`SELECT version, is_current FROM stix_objects WHERE stix_id = $1 ORDER BY modified_at`, [id])).map(
      (r: { version: string; is_current: boolean }) => `${r.version}${r.is_current ? ' current' : ''}`,
    );

  /** As the TAXII ingest does: the store's checks, then storage, in one unit of work. */
  const submit = (objects: Record<string, unknown>[]) => async () => {
    const checked = await store.checkForStorage(objects, { orgId: options().authorOrgId });
    expect(checked.problems).toEqual([]);
    await store.store(objects, options(), checked);
  };
  const remove = (id: string, versions: string[]) => () => writes.deleteVersions(id, options().authorOrgId, versions);

  /** An id held in these versions (days of January), the latest current. */
  async function heldIn(...days: number[]): Promise<string> {
    const id = `tool--${randomUUID()}`;
    await store.store(days.map((d) => tool(id, d)), options());
    expect(await versionsOf(id)).toEqual(days.map((d, i) => `${day(d)}${i === days.length - 1 ? ' current' : ''}`));
    return id;
  }

  it('a store of an older version first, the delete of the current one while it is open: the delete waits, then the stored version is current', async () => {
    const id = await heldIn(1, 3);
    const { result, waited } = await whileFirstOpen(hub.db, submit([tool(id, 2)]), remove(id, [day(3)]));
    expect(result).toBe(1);
    expect(waited).toBe(true);
    expect(await versionsOf(id)).toEqual([day(1), `${day(2)} current`]);
  });

  it('the delete of the current version first, a store of a newer one while it is open: the store waits, then its version is the only current one', async () => {
    const id = await heldIn(1, 2);
    const { waited } = await whileFirstOpen(hub.db, remove(id, [day(2)]), submit([tool(id, 3)]));
    expect(waited).toBe(true);
    expect(await versionsOf(id)).toEqual([day(1), `${day(3)} current`]);
  });

  it('a store of a newer version first, the delete of the current one while it is open: the delete waits, then the stored version stays the only current one', async () => {
    const id = await heldIn(1, 2);
    const { result, waited } = await whileFirstOpen(hub.db, submit([tool(id, 3)]), remove(id, [day(2)]));
    expect(result).toBe(1);
    expect(waited).toBe(true);
    expect(await versionsOf(id)).toEqual([day(1), `${day(3)} current`]);
  });

  it('the delete of the latest version alone: the previous one is current again', async () => {
    const id = await heldIn(1, 2);
    expect(await writes.deleteVersions(id, options().authorOrgId, [day(2)])).toBe(1);
    expect(await versionsOf(id)).toEqual([`${day(1)} current`]);
  });
});
