// Impact reach (issue 18): which organisations and sectors the matched register entries belong to,
// for the centre or a sector unit weighing a case that names a product or a provider. Pure: the
// entries are those the caller may read, as canRead decided.
import { CRITICALITIES, type Criticality } from './register.types.js';

export interface ReachEntry {
  orgId: string;
  orgSlug: string | null;
  sector: string | null;
  criticality: Criticality;
  /** what matched: a product the match string covers, a provider named */
  matched: readonly ('product' | 'dependsOn')[];
}

export interface ReachOrganisation {
  slug: string | null;
  sector: string | null;
  entries: number;
  highestCriticality: Criticality;
  matched: ('product' | 'dependsOn')[];
}

export interface ReachSummary {
  organisations: ReachOrganisation[];
  sectors: { sector: string; organisations: number; entries: number }[];
}

const rank = (c: Criticality) => CRITICALITIES.indexOf(c);

/** Organisations (most critical first, then by slug) and sectors (by name) of the matched entries. */
export function reachSummary(entries: readonly ReachEntry[]): ReachSummary {
  const byOrg = new Map<string, ReachOrganisation>();
  for (const entry of entries) {
    const org = byOrg.get(entry.orgId) ?? { slug: entry.orgSlug, sector: entry.sector, entries: 0, highestCriticality: entry.criticality, matched: [] };
    org.entries += 1;
    if (rank(entry.criticality) > rank(org.highestCriticality)) org.highestCriticality = entry.criticality;
    for (const m of entry.matched) if (!org.matched.includes(m)) org.matched.push(m);
    byOrg.set(entry.orgId, org);
  }
  const organisations = [...byOrg.values()].sort(
    (a, b) => rank(b.highestCriticality) - rank(a.highestCriticality) || (a.slug ?? '').localeCompare(b.slug ?? ''),
  );
  for (const org of organisations) org.matched.sort();
  const sectors = new Map<string, { sector: string; organisations: number; entries: number }>();
  for (const org of organisations) {
    if (!org.sector) continue;
    const sector = sectors.get(org.sector) ?? { sector: org.sector, organisations: 0, entries: 0 };
    sector.organisations += 1;
    sector.entries += org.entries;
    sectors.set(org.sector, sector);
  }
  return { organisations, sectors: [...sectors.values()].sort((a, b) => a.sector.localeCompare(b.sector)) };
}
