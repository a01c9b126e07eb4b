import { reachSummary, type ReachEntry } from './reach.js';

const entry = (orgId: string, sector: string | null, criticality: ReachEntry['criticality'], matched: ReachEntry['matched']): ReachEntry => ({ orgId, orgSlug: orgId, sector, criticality, matched });

describe('reachSummary', () => {
  it('groups entries by organisation, most critical first, and counts sectors', () => {
    const summary = reachSummary([
      entry('proseware', 'finance', 'medium', ['dependsOn']),
      entry('litware', 'energy', 'low', ['product']),
      entry('litware', 'energy', 'critical', ['dependsOn']),
      entry('adatum', 'energy', 'high', ['product']),
    ]);
    expect(summary.organisations).toEqual([
      { slug: 'litware', sector: 'energy', entries: 2, highestCriticality: 'critical', matched: ['dependsOn', 'product'] },
      { slug: 'adatum', sector: 'energy', entries: 1, highestCriticality: 'high', matched: ['product'] },
      { slug: 'proseware', sector: 'finance', entries: 1, highestCriticality: 'medium', matched: ['dependsOn'] },
    ]);
    expect(summary.sectors).toEqual([
      { sector: 'energy', organisations: 2, entries: 3 },
      { sector: 'finance', organisations: 1, entries: 1 },
    ]);
  });

  it('is empty for no entries', () => {
    expect(reachSummary([])).toEqual({ organisations: [], sectors: [] });
  });
});
