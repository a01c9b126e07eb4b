// Checks one register entry as an analyst gives it (POST, PUT, the seeded examples) and tells which
// fields an edit changed. Pure: the network snapshot says which slugs exist.
import type { NetworkSnapshot } from '@isac/organisations';
import type { FieldProblem } from '@isac/problems';
import { parseTlpLabel, type TlpLabel } from '@isac/tlp';
import { CpeSyntaxError, parseProductName } from './cpe.js';
import { isExternalProvider, normaliseProvider, productKey } from './exposure.js';
import { DEFAULT_ENTRY_TLP, EXTERNAL_PREFIX, type AssetKind, type Criticality } from './register.types.js';

export interface RegisterEntryRequest {
  name: string;
  kind: AssetKind;
  criticality: Criticality;
  products?: string[];
  dependsOn?: string[];
  tlp?: string;
}

export interface CheckedEntry {
  name: string;
  kind: AssetKind;
  criticality: Criticality;
  products: string[];
  productKeys: string[];
  dependsOn: string[];
  tlp: TlpLabel;
}

export type EntryCheck = { ok: true; entry: CheckedEntry } | { ok: false; problems: FieldProblem[] };

export function checkEntry(request: RegisterEntryRequest, network: { bySlug(slug: string): unknown }): EntryCheck {
  const problems: FieldProblem[] = [];
  const productKeys: string[] = [];
  (request.products ?? []).forEach((formatted, i) => {
    try {
      productKeys.push(productKey(parseProductName(formatted))!);
    } catch (error) {
      if (!(error instanceof CpeSyntaxError)) throw error;
      problems.push({ pointer: `/products/${i}`, detail: `"${formatted}" is not a CPE 2.3 product name: ${error.message}`, code: 'INFRASTRUCTURE.BAD_CPE' });
    }
  });
  const dependsOn = (request.dependsOn ?? []).map(normaliseProvider);
  dependsOn.forEach((provider, i) => {
    if (provider.startsWith(EXTERNAL_PREFIX) ? !isExternalProvider(provider) : !network.bySlug(provider)) {
      problems.push({
        pointer: `/dependsOn/${i}`,
        detail: `"${request.dependsOn![i]}" is neither an organisation of the network nor "external:<supplier name>"`,
      });
    }
  });
  const tlp = request.tlp === undefined ? DEFAULT_ENTRY_TLP : parseTlpLabel(request.tlp);
  if (tlp === undefined) problems.push({ pointer: '/tlp', detail: `"${request.tlp}" is not a TLP label`, code: 'TLP.INVALID' });
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    entry: {
      name: request.name,
      kind: request.kind,
      criticality: request.criticality,
      products: request.products ?? [],
      productKeys: [...new Set(productKeys)],
      dependsOn: [...new Set(dependsOn)],
      tlp: tlp!,
    },
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The fields an edit changes, in a fixed order (what the agenda says of a changed entry). */
export function changedFields(current: CheckedEntry, next: CheckedEntry): string[] {
  const fields: string[] = [];
  if (current.name !== next.name) fields.push('name');
  if (current.kind !== next.kind) fields.push('kind');
  if (current.criticality !== next.criticality) fields.push('criticality');
  if (!sameList(current.products, next.products)) fields.push('products');
  if (!sameList([...current.dependsOn].sort(), [...next.dependsOn].sort())) fields.push('dependsOn');
  if (current.tlp !== next.tlp) fields.push('tlp');
  return fields;
}

/** The sector unit an organisation's register is addressed to: its parent, or itself for a unit. */
export function sectorUnitOf(orgId: string, network: Pick<NetworkSnapshot, 'byId'>): string | null {
  const org = network.byId(orgId);
  if (!org) return null;
  if (org.kind === 'sector-unit') return org.id;
  return org.kind === 'member' ? org.parentId : null;
}

/** DESIGN §8: every entry is addressed to the centre and the organisation's sector unit (its named recipients). */
export function entryRecipients(orgId: string, network: Pick<NetworkSnapshot, 'byId' | 'all'>): string[] {
  const centre = network.all().find((o) => o.kind === 'centre');
  return [...new Set([centre?.id, sectorUnitOf(orgId, network)].filter((id): id is string => !!id && id !== orgId))];
}
