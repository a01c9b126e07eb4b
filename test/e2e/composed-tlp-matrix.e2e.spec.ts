// The TLP matrix of composed documents (DESIGN §2), on the running API: for each marking of a source
// and each relation of a reader to it, whether the reader sees the source in an agenda it drafts, in
// its daily briefing and in its insights — exactly when the TLP policy lets it read the source.
// The source is an incident filed by litware (a member of energy): addressed, as every incident, to
// the centre and the reporter's sector unit, so the centre is always a named recipient here.
import { BriefingService } from '@isac/meetings';
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import type { TlpLabel } from '@isac/tlp';
import { bearer } from '../factories/bearer.js';
import { incidentBundle } from '../factories/stix-bundles.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';

const STIX = 'application/stix+json;version=2.1';
const WEEK_MS = 7 * 86_400_000;
const MARKINGS: TlpLabel[] = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];
const RELATIONS = {
  author: 'litware',
  'named recipient': 'energy',
  'member of named recipient': 'adatum',
  'other sector unit': 'health',
  centre: 'centre',
  'unrelated member': 'wideworld',
} as const;
type Relation = keyof typeof RELATIONS;

// DESIGN §2's table for this source: who may read it, by relation
const READS: Record<TlpLabel, Relation[]> = {
  'TLP:CLEAR': ['author', 'named recipient', 'member of named recipient', 'other sector unit', 'centre', 'unrelated member'],
  'TLP:GREEN': ['author', 'named recipient', 'member of named recipient', 'other sector unit', 'centre', 'unrelated member'],
  'TLP:AMBER': ['author', 'named recipient', 'member of named recipient', 'centre'],
  'TLP:AMBER+STRICT': ['author', 'named recipient', 'centre'],
  'TLP:RED': ['author', 'named recipient', 'centre'],
};

describe('composed documents: TLP matrix (source marking × reader relation)', () => {
  let hub: ApiHarness;
  let network: NetworkSnapshot;
  const keys: Record<string, string> = {};
  const caseIds = new Map<TlpLabel, string>();
  const seen = { agenda: new Map<Relation, Set<string>>(), briefing: new Map<Relation, Set<string>>(), insights: new Map<Relation, number[]>() };
  const now = Date.now();

  beforeAll(async () => {
    hub = await startApi();
    network = await hub.app.get(NetworkDirectory).network();
    for (const slug of Object.values(RELATIONS)) keys[slug] = await hub.key(slug, ['coordinator', 'analyst', 'reporter']);
    // one case per marking, each aware in its own week (the insights plot counts by week)
    for (const [i, tlp] of MARKINGS.entries()) {
      const awareAt = new Date(now - i * WEEK_MS - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const res = await hub.http
        .post('/api/v1/incidents')
        .set(bearer(keys.litware))
        .set('Content-Type', STIX)
        .send(JSON.stringify(incidentBundle({ tlp, extra: { name: `Matrix ${tlp}`, x_isac_aware_at: awareAt } })))
        .expect(201);
      caseIds.set(tlp, res.body.id);
    }
    const briefings = hub.app.get(BriefingService);
    for (const [relation, slug] of Object.entries(RELATIONS) as [Relation, string][]) {
      const meeting = await hub.http
        .post('/api/v1/meetings')
        .set(bearer(keys[slug]))
        .send({ title: `Matrix ${slug}`, startsAt: '2027-02-03T09:00:00.000Z', endsAt: '2027-02-03T12:00:00.000Z', participants: [slug], series: `matrix-${slug}` })
        .expect(201);
      const draft = await hub.http.post(`/api/v1/meetings/${meeting.body.id}/agenda/draft`).set(bearer(keys[slug])).expect(200);
      seen.agenda.set(relation, new Set(draft.body.agenda.items.flatMap((i: { sources: { id: string }[] }) => i.sources.map((s) => s.id))));
      // created_at is stored rounded to the millisecond, up to 0.5 ms ahead of the clock: the period ends a second from now
      const { briefing } = await briefings.compose(network.bySlug(slug)!.id, new Date(Date.now() + 1000));
      seen.briefing.set(relation, new Set(briefing.items.map((i) => i.id)));
      const insights = await hub.http.get('/api/v1/insights?weeks=12').set(bearer(keys[slug])).expect(200);
      const energy = insights.body.incidentsPerWeek.sectors.find((s: { sector: string }) => s.sector === 'energy');
      seen.insights.set(relation, energy?.counts ?? new Array(12).fill(0));
    }
  });
  afterAll(() => hub.close());

  const table = MARKINGS.flatMap((tlp) => (Object.keys(RELATIONS) as Relation[]).map((relation): [TlpLabel, Relation, boolean] => [tlp, relation, READS[tlp].includes(relation)]));

  it.each(table)('%s source, reader the %s: sees it %p in an agenda, a briefing and insights', (tlp, relation, sees) => {
    const id = caseIds.get(tlp)!;
    const week = 11 - MARKINGS.indexOf(tlp); // the window's last week is the current one
    expect({
      agenda: seen.agenda.get(relation)!.has(id),
      briefing: seen.briefing.get(relation)!.has(id),
      insights: seen.insights.get(relation)![week] > 0,
    }).toEqual({ agenda: sees, briefing: sees, insights: sees });
  });
});
