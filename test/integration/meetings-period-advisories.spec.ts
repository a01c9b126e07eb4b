// The agenda's period facts keep the newest advisories of the period: with more than it keeps, the
// oldest go and the coordinator is told, never the newest silently.
import type { Principal } from '@isac/auth';
import { MeetingEntity, MeetingsService, PeriodFactsSource } from '@isac/meetings';
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import { DataSource } from 'typeorm';
import { advisoryRequest } from '../factories/advisories.js';
import { bearer } from '../factories/bearer.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';

describe('period facts: more advisories than the draft keeps', () => {
  let hub: ApiHarness;
  let network: NetworkSnapshot;
  let facts: PeriodFactsSource;
  let meeting: MeetingEntity;
  let centre: Principal;
  const titles = Array.from({ length: 7 }, (_, i) => `period ${i}`);

  beforeAll(async () => {
    hub = await startApi();
    network = await hub.app.get(NetworkDirectory).network();
    facts = hub.app.get(PeriodFactsSource);
    const o = network.bySlug('centre')!;
    centre = { keyId: 'centre', keyPrefix: 'isac_centre', roles: ['coordinator'], organisation: { id: o.id, slug: 'centre', kind: o.kind, sector: o.sector, parentId: o.parentId } };
    const energy = await hub.key('energy', ['analyst']);
    // one at a time: "oldest" and "newest" are the order of publication
    for (const title of titles) {
      await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ title, tlp: 'TLP:GREEN', audience: { sectors: ['energy', 'health'] } })).expect(201);
    }
    const created = await hub.app.get(MeetingsService).create(centre, {
      title: 'Paging',
      startsAt: '2027-03-01T09:00:00.000Z',
      endsAt: '2027-03-01T12:00:00.000Z',
      participants: ['centre', 'energy', 'health'],
      series: 'paging',
    });
    meeting = await hub.app.get(DataSource).getRepository(MeetingEntity).findOneByOrFail({ id: created.id });
  });
  afterAll(() => hub.close());

  const gather = (keep: number) => facts.gather(centre, meeting, network, new Date(), keep);

  it('more than it keeps: the newest are kept, the oldest dropped, and the gap says so', async () => {
    const gathered = await gather(5);
    const kept = [...gathered.facts.advisories].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
    expect(kept.map((a) => a.title)).toEqual(titles.slice(2));
    expect(gathered.gaps).toEqual([
      { kind: 'advisories', reason: `7 advisories and alerts in the period; only the newest 5 (published from ${kept[0].publishedAt.toISOString()}) were considered, the oldest 2 were not` },
    ]);
  });

  it.each<[string, number]>([
    ['exactly as many as it keeps: nothing reported missing', 7],
    ['fewer than it keeps: all of them', 10_000],
  ])('%s', async (_name, keep) => {
    const gathered = await gather(keep);
    expect(gathered.facts.advisories.map((a) => a.title).sort()).toEqual(titles);
    expect(gathered.gaps).toEqual([]);
  });
});
