import type { NetworkDirectory, NetworkSnapshot } from '@isac/organisations';
import type { AdvisoryEntity } from './advisory.entity.js';
import type { AdvisoryRepository } from './advisory.repository.js';
import type { DeliveryRepository } from './delivery.repository.js';
import type { PushScheduler } from './push-scheduler.service.js';
import { RouterService } from './router.service.js';

const orgs = [
  { id: 'energy', kind: 'sector-unit', sector: 'energy', parentId: null },
  { id: 'health', kind: 'sector-unit', sector: 'health', parentId: null },
  { id: 'trey-diagnostics', kind: 'member', sector: 'health', parentId: 'health' },
];
const snapshotOf = (known: typeof orgs) =>
  ({
    org: (id: string) => {
      const o = known.find((x) => x.id === id);
      return o && { id: o.id, kind: o.kind, sector: o.sector, parentId: o.parentId ?? undefined };
    },
    byId: (id: string) => known.find((x) => x.id === id),
  }) as unknown as NetworkSnapshot;

function setup(stored: Partial<AdvisoryEntity>[], snapshots: NetworkSnapshot[] = [snapshotOf(orgs)]) {
  const written: Map<string, string[]>[] = [];
  const scheduled: unknown[] = [];
  const advisories = { routingFacts: async (ids: string[]) => stored.filter((a) => ids.includes(a.id!)) } as unknown as AdvisoryRepository;
  const deliveries = {
    insertAndMarkRouted: async (recipients: Map<string, string[]>) => {
      written.push(recipients);
      return [...recipients].map(([advisoryId, orgIds]) => ({
        advisoryId,
        newEntries: orgIds.length,
        pendingPushes: orgIds.filter((orgId) => orgId === 'health').map((orgId) => ({ advisoryId, orgId })),
      }));
    },
  } as unknown as DeliveryRepository;
  const pushes = { schedule: async (p: unknown[]) => void scheduled.push(...p) } as unknown as PushScheduler;
  // each reload (invalidate, then network) serves the next snapshot, as the organisations table changes
  let loads = 0;
  const reloads = { count: 0 };
  const network = async () => snapshots[Math.min(loads, snapshots.length - 1)];
  const directory = {
    network,
    // as NetworkDirectory does it: one reload when an id is unknown
    networkKnowing: async (orgIds: string[]) => {
      if ([...orgIds].every((id) => snapshots[Math.min(loads, snapshots.length - 1)].byId(id))) return network();
      reloads.count++;
      loads++;
      return network();
    },
  } as unknown as NetworkDirectory;
  return { router: new RouterService(advisories, deliveries, directory, pushes), written, scheduled, reloads };
}

describe('RouterService', () => {
  it('writes entries for the recipients the policy admits (never the author, never a stranger) and queues their pushes', async () => {
    const { router, written, scheduled } = setup([
      { id: 'red', kind: 'advisory', tlp: 'TLP:RED', authorOrgId: 'energy', recipientOrgIds: ['energy', 'health', 'ghost'] },
      { id: 'amber', kind: 'advisory', tlp: 'TLP:AMBER', authorOrgId: 'health', recipientOrgIds: ['energy', 'trey-diagnostics'] },
    ]);
    // routed together: one write for both
    const [red, amber] = await Promise.all([router.route('red'), router.route('amber')]);
    expect(red).toEqual({ recipients: 1, newEntries: 1 });
    expect(amber).toEqual({ recipients: 2, newEntries: 2 });
    expect(written).toEqual([new Map([['red', ['health']], ['amber', ['energy', 'trey-diagnostics']]])]);
    expect(scheduled).toEqual([{ advisoryId: 'red', orgId: 'health' }]);
  });

  it('reloads the directory once when it does not know a recipient (added elsewhere seconds ago), and routes to it', async () => {
    const newcomer = { id: 'newgrid', kind: 'member', sector: 'energy', parentId: 'energy' };
    const { router, written, reloads } = setup(
      [{ id: 'amber', kind: 'advisory', tlp: 'TLP:AMBER', authorOrgId: 'health', recipientOrgIds: ['energy', 'newgrid', 'ghost'] }],
      [snapshotOf(orgs), snapshotOf([...orgs, newcomer])],
    );
    expect(await router.route('amber')).toEqual({ recipients: 2, newEntries: 2 });
    expect(written).toEqual([new Map([['amber', ['energy', 'newgrid']]])]);
    expect(reloads.count).toBe(1);
  });

  it('does not reload the directory when it knows every recipient', async () => {
    const { router, reloads } = setup([{ id: 'green', kind: 'advisory', tlp: 'TLP:GREEN', authorOrgId: 'health', recipientOrgIds: ['energy', 'health', 'trey-diagnostics'] }]);
    expect(await router.route('green')).toEqual({ recipients: 2, newEntries: 2 });
    expect(reloads.count).toBe(0);
  });

  it('answers an advisory that does not exist with no recipients', async () => {
    const { router } = setup([]);
    expect(await router.route('nope')).toEqual({ recipients: 0, newEntries: 0 });
  });
});
