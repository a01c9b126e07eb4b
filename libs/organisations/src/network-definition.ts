import { parse } from 'yaml';

export const SECTORS = ['telecom', 'energy', 'shipping', 'transport', 'health', 'finance'] as const;
export type Sector = (typeof SECTORS)[number];

export interface OrganisationDefinition {
  slug: string;
  name: string;
  kind: 'centre' | 'sector-unit' | 'member';
  sector: Sector | null;
  parent: string | null;
}

export class NetworkDefinitionError extends Error {
  readonly code = 'NETWORK.INVALID';
}

const SLUG = /^[a-z][a-z0-9-]{1,62}$/;

/**
 * Reads config/network.yaml: one centre, one unit per sector (named by its sector) and the members
 * of each sector. Returned in dependency order: centre, sector units, then members.
 */
export function parseNetworkDefinition(text: string): OrganisationDefinition[] {
  const doc = parse(text) as unknown;
  const problems: string[] = [];
  const root = (doc ?? {}) as Record<string, unknown>;
  const centre = root.centre as Record<string, unknown> | undefined;
  const sectors = root.sectors as Record<string, unknown> | undefined;
  if (!centre || typeof centre.name !== 'string') problems.push('/centre/name must be a string');
  if (!sectors || typeof sectors !== 'object' || Array.isArray(sectors)) problems.push('/sectors must map each sector to its unit');
  if (problems.length) throw new NetworkDefinitionError(`network definition: ${problems.join('; ')}`);

  const result: OrganisationDefinition[] = [
    { slug: 'centre', name: centre!.name as string, kind: 'centre', sector: null, parent: null },
  ];
  const members: OrganisationDefinition[] = [];
  for (const sector of SECTORS) {
    const unit = sectors![sector] as Record<string, unknown> | undefined;
    if (!unit || typeof unit.name !== 'string') {
      problems.push(`/sectors/${sector}/name must be a string`);
      continue;
    }
    result.push({ slug: sector, name: unit.name, kind: 'sector-unit', sector, parent: 'centre' });
    const listed = unit.members ?? [];
    if (!Array.isArray(listed)) {
      problems.push(`/sectors/${sector}/members must be a list`);
      continue;
    }
    listed.forEach((member: Record<string, unknown>, i) => {
      const where = `/sectors/${sector}/members/${i}`;
      if (typeof member?.slug !== 'string' || !SLUG.test(member.slug)) problems.push(`${where}/slug must match ${SLUG}`);
      else if (typeof member.name !== 'string') problems.push(`${where}/name must be a string`);
      else members.push({ slug: member.slug, name: member.name, kind: 'member', sector, parent: sector });
    });
  }
  for (const extra of Object.keys(sectors!)) {
    if (!(SECTORS as readonly string[]).includes(extra)) problems.push(`/sectors/${extra} is not one of ${SECTORS.join(', ')}`);
  }
  const all = [...result, ...members];
  const seen = new Set<string>();
  for (const org of all) {
    if (seen.has(org.slug)) problems.push(`slug "${org.slug}" is used twice`);
    seen.add(org.slug);
  }
  if (problems.length) throw new NetworkDefinitionError(`network definition: ${problems.join('; ')}`);
  return all;
}
