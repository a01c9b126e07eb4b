import type { NetworkDirectory, NetworkSnapshot } from '@isac/organisations';
import type { AdvisoryRepository } from './advisory.repository.js';
import { AdvisoryQueriesService } from './advisory-queries.service.js';
import { UNKNOWN_SECTOR, type DeliveryRepository, type OrganisationSectors } from './delivery.repository.js';

// Receipts per sector: the organisations' sectors are the network's (@isac/organisations owns the
// table), handed to the count. A recipient the cached network does not know yet (a member added a
// moment ago by another process) has the network loaded again and the count redone, never a
// receipt counted under no sector.
const snapshotOf = (orgs: { id: string; sector?: string }[]) => ({ all: () => orgs }) as unknown as NetworkSnapshot;

function setup(snapshots: NetworkSnapshot[]) {
  let loads = 0;
  const handed: OrganisationSectors[] = [];
  const directory = {
    network: async () => snapshots[Math.min(loads, snapshots.length - 1)],
    invalidate: () => void loads++,
  } as unknown as NetworkDirectory;
  // the recipients of the alert: the centre, an energy unit, and a member only the second snapshot knows
  const recipients = ['centre', 'energy', 'new-member'];
  const count = (sectors: OrganisationSectors) => {
    handed.push(sectors);
    const perSector = new Map<string, number>();
    for (const orgId of recipients) {
      const i = sectors.orgIds.indexOf(orgId);
      const sector = i < 0 ? UNKNOWN_SECTOR : sectors.sectors[i];
      perSector.set(sector, (perSector.get(sector) ?? 0) + 1);
    }
    return [...perSector].sort(([a], [b]) => a.localeCompare(b)).map(([sector, delivered]) => ({ sector, delivered, acknowledged: 0 }));
  };
  const advisories = {
    alertReceiptsBySector: async (_author: string, _since: Date, _until: Date, sectors: OrganisationSectors) => ({ alerts: 1, perSector: count(sectors) }),
  } as unknown as AdvisoryRepository;
  const deliveries = {} as DeliveryRepository;
  return { service: new AdvisoryQueriesService(advisories, deliveries, directory), handed, loads: () => loads };
}

describe('receipts per sector', () => {
  const centre = { id: 'centre' };
  const energy = { id: 'energy', sector: 'energy' };

  it('hands the count each organisation of the network with its sector, the centre as "centre"', async () => {
    const { service, handed, loads } = setup([snapshotOf([centre, energy, { id: 'new-member', sector: 'energy' }])]);
    const { perSector } = await service.alertReceiptsOf('centre', new Date(0), new Date());
    expect(handed).toEqual([{ orgIds: ['centre', 'energy', 'new-member'], sectors: ['centre', 'energy', 'energy'] }]);
    expect(perSector).toEqual([
      { sector: 'centre', delivered: 1, acknowledged: 0 },
      { sector: 'energy', delivered: 2, acknowledged: 0 },
    ]);
    expect(loads()).toBe(0);
  });

  it('a recipient the cached network does not know: the network is loaded again and the count redone', async () => {
    const { service, handed, loads } = setup([snapshotOf([centre, energy]), snapshotOf([centre, energy, { id: 'new-member', sector: 'health' }])]);
    const { perSector } = await service.alertReceiptsOf('centre', new Date(0), new Date());
    expect(loads()).toBe(1);
    expect(handed).toHaveLength(2);
    expect(perSector).toEqual([
      { sector: 'centre', delivered: 1, acknowledged: 0 },
      { sector: 'energy', delivered: 1, acknowledged: 0 },
      { sector: 'health', delivered: 1, acknowledged: 0 },
    ]);
  });
});
