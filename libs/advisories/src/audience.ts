// Who an advisory is addressed to and who gets it in the inbox (DESIGN §5). Pure: no I/O.
import { canRead, type Network, type TlpLabel } from '@isac/tlp';
import type { AdvisoryAudience, AdvisoryExposure, AdvisoryMatch } from './advisory.types.js';

export interface AudienceOrg {
  id: string;
  kind: string;
}

/** The slice of the network directory audience resolution needs. */
export interface AudienceDirectory {
  all(): AudienceOrg[];
  bySlug(slug: string): AudienceOrg | undefined;
  inSector(sector: string): AudienceOrg[];
}

export interface AudienceProblem {
  pointer: string;
  detail: string;
}

export type ResolvedAudience = { ok: true; recipientOrgIds: string[] } | { ok: false; problems: AudienceProblem[] };

/**
 * Turns `all` / sectors / named organisations into organisation ids, every unknown name reported
 * with its JSON pointer. The result becomes the item's named recipients for the TLP policy, frozen
 * at publication: a member added to a sector later gets no inbox entry (nor push) of older
 * advisories and is no named recipient of them — so older AMBER+STRICT and RED stay closed to it,
 * while older AMBER named to its sector unit is readable to it as the unit's client (FIRST TLP 2.0).
 */
export function resolveAudience(audience: AdvisoryAudience, directory: AudienceDirectory, knownSectors: readonly string[]): ResolvedAudience {
  const problems: AudienceProblem[] = [];
  const ids = new Set<string>();
  if (audience.all) for (const org of directory.all()) ids.add(org.id);
  (audience.sectors ?? []).forEach((sector, i) => {
    if (!knownSectors.includes(sector))
      problems.push({ pointer: `/audience/sectors/${i}`, detail: `"${sector}" is not a sector; sectors are ${knownSectors.join(', ')}` });
    else for (const org of directory.inSector(sector)) ids.add(org.id);
  });
  (audience.organisations ?? []).forEach((slug, i) => {
    const org = directory.bySlug(slug);
    if (!org) problems.push({ pointer: `/audience/organisations/${i}`, detail: `no organisation "${slug}" in the network` });
    else ids.add(org.id);
  });
  if (!audience.all && !(audience.sectors ?? []).length && !(audience.organisations ?? []).length && !isTargeted(audience)) {
    problems.push({ pointer: '/audience', detail: 'name an audience: all, sectors, organisations, products and/or dependsOn' });
  }
  return problems.length ? { ok: false, problems } : { ok: true, recipientOrgIds: [...ids] };
}

/** Does the audience name products or providers, to be resolved against the registers (issue 18)? */
export function isTargeted(audience: AdvisoryAudience): boolean {
  return (audience.products ?? []).length > 0 || (audience.dependsOn ?? []).length > 0;
}

/** An organisation a targeted audience exposes (as @isac/infrastructure resolves it). */
export interface ExposedRecipient {
  orgId: string;
  sectorUnitId: string | null;
  /** the author may read a matching entry of its register */
  nameable: boolean;
  /** what of its own register matched: told to this organisation only */
  matched: AdvisoryMatch[];
}

/** The matches an exposed organisation is told of, recorded with the advisory. */
export interface RecipientMatches {
  orgId: string;
  matched: AdvisoryMatch[];
}

/**
 * Adds the exposed organisations and their sector units to the recipients resolved from the rest of
 * the audience (a union). Receipts name an added recipient only where the author may read the
 * register that matched (or it was addressed otherwise too); the others are counted. Each exposed
 * organisation's matches are kept apart, for it alone.
 */
export function withExposed(
  recipientOrgIds: readonly string[],
  exposed: readonly ExposedRecipient[],
): { recipientOrgIds: string[]; exposure: AdvisoryExposure; matches: RecipientMatches[] } {
  const addressed = new Set(recipientOrgIds);
  const ids = new Set(recipientOrgIds);
  const nameable = new Set<string>();
  for (const e of exposed) {
    for (const id of [e.orgId, e.sectorUnitId]) {
      if (id === null) continue;
      ids.add(id);
      if (e.nameable) nameable.add(id);
    }
  }
  const unnamedOrgIds = [...ids].filter((id) => !addressed.has(id) && !nameable.has(id));
  const matches = exposed.filter((e) => e.matched.length > 0).map((e) => ({ orgId: e.orgId, matched: e.matched }));
  return { recipientOrgIds: [...ids], exposure: { matchedOrganisations: exposed.length, unnamedOrgIds }, matches };
}

export interface RoutableAdvisory {
  tlp: TlpLabel;
  authorOrgId: string;
  recipientOrgIds: readonly string[];
  kind: 'advisory' | 'alert';
}

/**
 * The organisations that get the advisory in their inbox: its recipients other than the author,
 * each let through by the TLP policy (the one place that decides; a recipient it refuses — e.g. an
 * organisation no longer in the network — gets nothing).
 */
export function inboxRecipients(advisory: RoutableAdvisory, network: Network): string[] {
  return advisory.recipientOrgIds.filter((orgId) => orgId !== advisory.authorOrgId && canRead(advisory, { orgId }, network).allowed);
}
