import type { NetworkDirectory, NetworkSnapshot } from '@isac/organisations';
import type { AdvisoryEntity } from './advisory.entity.js';
import type { AdvisoryRepository } from './advisory.repository.js';
import type { DeliveryRepository } from './delivery.repository.js';
import type { PushScheduler } from './push-scheduler.service.js';
import { RouterService } from './router.service.js';

const orgs = [
  { id: 'energy', kind: 'sector-unit', sector: 'energy', parentId: null },
  { id: 'health', kind: 'sector-unit', sector: 'health', parentId: null },
  { id: 'medlab', kind: 'member', sector: 'health', parentId: 'health' },
];
const network = {
  org: (id: string) => {
    const o = orgs.find((x) => x.id === id);
    return o && { id: o.id, kind: o.kind, sector: o.sector, parentId: o.parentId ?? undefined };
  },
  byId: (id: string) => orgs.find((x) => x.id === id),
} as unknown as NetworkSnapshot;

function setup(advisory: Partial<AdvisoryEntity> | null) {
  const calls: string[] = [];
  const inserted: string[][] = [];
  const advisories = {
    findById: async () => advisory,
    markRouted: async () => void calls.push('markRouted'),
  } as unknown as AdvisoryRepository;
  const deliveries = {
    insertForAdvisory: async (_id: string, orgIds: string[]) => {
      calls.push('insert');
      inserted.push(orgIds);
      return orgIds;
    },
    pendingPushes: async () => [{ deliveryId: 'd1', orgId: 'health' }],
  } as unknown as DeliveryRepository;
  const pushes = { schedule: async () => void calls.push('schedule') } as unknown as PushScheduler;
  const directory = { network: async () => network } as unknown as NetworkDirectory;
  return { router: new RouterService(advisories, deliveries, directory, pushes), calls, inserted };
}

describe('RouterService', () => {
  it('writes entries for the recipients the policy admits (never the author, never a stranger), queues pushes, then marks routed', async () => {
    const { router, calls, inserted } = setup({ id: 'a1', kind: 'advisory', tlp: 'TLP:RED', authorOrgId: 'energy', recipientOrgIds: ['energy', 'health', 'ghost'] });
    expect(await router.route('a1')).toEqual({ recipients: 1, newEntries: 1 });
    expect(inserted).toEqual([['health']]);
    expect(calls).toEqual(['insert', 'schedule', 'markRouted']);
  });

  it('does nothing for an advisory that does not exist', async () => {
    const { router, calls } = setup(null);
    expect(await router.route('nope')).toEqual({ recipients: 0, newEntries: 0 });
    expect(calls).toEqual([]);
  });
});
