// `isac infra import bundle.json`: a STIX 2.1 bundle describing a register → register entries. Each
// `infrastructure` object is an entry; `consists-of` to a `software` object with a `cpe` adds that
// product, `related-to` an `identity` adds a provider (its `x_isac_slug`, else `external:<name>`).
// The entry's kind is `x_isac_kind` (else `service`), its criticality `x_isac_criticality` (the hub
// refuses an entry without one), its TLP the strictest TLP marking in `object_marking_refs` (else
// the hub's default). Pure; loaded only for this command, as it needs @isac/stix's marking ids.
import { tlpOfMarkingRef } from '@isac/stix';
import { mostRestrictive, type TlpLabel } from '@isac/tlp';
import { usageError } from './exit-codes.js';
import type { ImportedEntry, RegisterEntryBody } from './register-import.js';

type StixObject = Record<string, unknown> & { type?: unknown; id?: unknown };

export function entriesFromBundle(bundle: unknown): ImportedEntry[] {
  const objects = (bundle as { objects?: unknown }).objects;
  if (!Array.isArray(objects)) throw usageError('the bundle has no "objects" list');
  const byId = new Map<string, StixObject>();
  for (const o of objects as StixObject[]) if (o && typeof o.id === 'string') byId.set(o.id, o);
  const relationships = (objects as StixObject[]).filter((o) => o?.type === 'relationship');
  const problems: string[] = [];
  const entries = (objects as StixObject[])
    .filter((o) => o?.type === 'infrastructure')
    .map((infra) => {
      const related = (type: string) =>
        relationships.filter((r) => r.relationship_type === type && r.source_ref === infra.id).map((r) => byId.get(r.target_ref as string));
      const products: string[] = [];
      for (const software of related('consists-of')) {
        if (software?.type !== 'software') continue;
        if (typeof software.cpe === 'string') products.push(software.cpe);
        else problems.push(`${String(software.id)} (software of ${String(infra.id)}) has no cpe`);
      }
      const dependsOn = related('related-to')
        .filter((o) => o?.type === 'identity')
        .map((identity) => (typeof identity!.x_isac_slug === 'string' ? identity!.x_isac_slug : `external:${String(identity!.name)}`));
      const labels = (Array.isArray(infra.object_marking_refs) ? infra.object_marking_refs : []).map(tlpOfMarkingRef).filter((l): l is TlpLabel => !!l);
      const tlp = mostRestrictive(labels);
      const body: RegisterEntryBody = {
        name: infra.name as string,
        kind: typeof infra.x_isac_kind === 'string' ? infra.x_isac_kind : 'service',
        criticality: infra.x_isac_criticality as string,
      };
      if (products.length) body.products = [...new Set(products)];
      if (dependsOn.length) body.dependsOn = [...new Set(dependsOn)];
      if (tlp) body.tlp = tlp;
      return { source: String(infra.id), body };
    });
  if (problems.length) throw usageError(`the bundle cannot be read as a register: ${problems.join('; ')}`);
  if (!entries.length) throw usageError('the bundle holds no infrastructure object');
  return entries;
}
