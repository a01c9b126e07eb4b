// A register in STIX 2.1 (issue 18), both ways, so that a register can be uploaded or pulled as a
// bundle and read by any STIX tool (OpenCTI):
//  - each entry is an `infrastructure` object (its id is the entry's: `infrastructure--<entry id>`),
//    `infrastructure_types` from the kind, the exact kind and the criticality as `x_isac_kind` and
//    `x_isac_criticality`, `created_by_ref` the organisation's identity, the entry's TLP as its marking;
//  - each product a `software` SCO with its `cpe` (deterministic id, STIX 2.1 §2.9), `consists-of` it;
//  - each provider `related-to` it: a network organisation's identity, or an `identity` of the
//    external supplier, held by the organisation that named it.
// Pure: the caller gives the identities (libs/organisations) and applies the TLP policy beforehand;
// what reaches registerBundle is what the reader may read.
import {
  markingRefFor,
  mostRestrictive,
  scoId,
  tlpMarkingDefinition,
  tlpOfMarkingRef,
  uuidV5,
  validateBundle,
  type StixProblem,
  type TlpLabel,
} from '@isac/stix';
import { parseProductName, type CpeValue } from './cpe.js';
import type { RegisterEntryRequest } from './register-entry.js';
import { ASSET_KINDS, CRITICALITIES, EXTERNAL_PREFIX, type AssetKind, type Criticality } from './register.types.js';

type StixObject = Record<string, unknown>;

/** The RFC 4122 URL namespace; the register's own names below are made in a namespace derived from it. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
// deterministic ids for what the register derives (relationships, external suppliers): the same
// register read twice gives the same objects, so a STIX tool pulling it again updates, not duplicates
const REGISTER_NAMESPACE = uuidV5(URL_NAMESPACE, 'https://isac-hub.example/registers');

/** STIX 2.1 infrastructure-type-ov for the register's kinds; the exact kind travels in `x_isac_kind`. */
const INFRASTRUCTURE_TYPE: Readonly<Record<AssetKind, string>> = {
  service: 'unknown',
  system: 'unknown',
  software: 'unknown',
  network: 'routers-switches',
  cloud: 'unknown',
  ot: 'control-system',
  supplier: 'unknown',
};

/** An entry as the mapping needs it; `orgSlug` names the organisation whose register holds it. */
export interface StixRegisterEntry {
  id: string;
  orgSlug: string;
  name: string;
  kind: AssetKind;
  criticality: Criticality;
  products: readonly string[];
  dependsOn: readonly string[];
  tlp: TlpLabel;
  createdAt: Date;
  updatedAt: Date;
}

export interface RegisterIdentities {
  /** the STIX identity object of a network organisation (libs/organisations' stixIdentityFor), by slug */
  identityOf(slug: string): StixObject | undefined;
}

export interface RegisterBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

const iso = (d: Date) => d.toISOString();
const stringValue = (v: CpeValue) => (v.kind === 'string' ? v.value : undefined);

/** The software SCO of a CPE 2.3 name: name and vendor from the CPE, its version when it has one. */
export function softwareOf(cpe: string): StixObject {
  const name = parseProductName(cpe);
  const vendor = stringValue(name.vendor);
  const version = stringValue(name.version);
  const props: StixObject = {
    name: [vendor, stringValue(name.product)].filter(Boolean).join(' ') || cpe,
    cpe,
    ...(vendor ? { vendor } : {}),
    ...(version ? { version } : {}),
  };
  return { type: 'software', spec_version: '2.1', id: scoId('software', props), ...props };
}

export const relationshipId = (source: string, type: string, target: string) => `relationship--${uuidV5(REGISTER_NAMESPACE, `${source} ${type} ${target}`)}`;
export const externalSupplierId = (orgSlug: string, provider: string) => `identity--${uuidV5(REGISTER_NAMESPACE, `${orgSlug} ${provider}`)}`;
/**
 * The external supplier as the STIX store holds it: one identity per marking and readers among the
 * organisation's entries naming it (DESIGN §2, no oracle). Each is made, dated and revoked by the
 * entries of that one reach, which are exactly the ones its readers may read: shared by entries of
 * several markings, its `created`, its marking or its lasting after the entries a reader may read
 * are gone would tell that reader of an entry it may not read.
 */
export const supplierIdFor = (orgSlug: string, provider: string, tlp: TlpLabel, recipientOrgIds: readonly string[]) =>
  `identity--${uuidV5(REGISTER_NAMESPACE, `${orgSlug} ${provider} ${tlp} ${[...new Set(recipientOrgIds)].sort().join(',')}`)}`;
/** The id that takes over from a revoked one (STIX 2.1 §3.6.2: a revoked object gets no new version), derived from it and its revocation. */
export const successorId = (id: string, revokedVersion: string) => `${id.split('--')[0]}--${uuidV5(REGISTER_NAMESPACE, `${id} revoked ${revokedVersion}`)}`;

/** Objects several entries share (software, suppliers) take the strictest marking of the entries naming them. */
class SharedObjects {
  private readonly objects = new Map<string, { object: StixObject; tlps: TlpLabel[]; created: Date; modified: Date }>();

  add(object: StixObject, entry: StixRegisterEntry): void {
    const id = object.id as string;
    const known = this.objects.get(id);
    if (!known) this.objects.set(id, { object, tlps: [entry.tlp], created: entry.createdAt, modified: entry.updatedAt });
    else {
      known.tlps.push(entry.tlp);
      if (entry.createdAt < known.created) known.created = entry.createdAt;
      if (entry.updatedAt > known.modified) known.modified = entry.updatedAt;
    }
  }

  list(dated: boolean): StixObject[] {
    return [...this.objects.values()].map(({ object, tlps, created, modified }) => ({
      ...object,
      ...(dated ? { created: iso(created), modified: iso(modified) } : {}),
      object_marking_refs: [markingRefFor(mostRestrictive(tlps)!)],
    }));
  }
}

/** What one entry is in STIX: its own objects (dated and marked as the entry) and what it names. */
export interface EntryObjects {
  infrastructure: StixObject;
  /** `consists-of` its software, `related-to` its providers: dated and marked as the entry */
  relationships: StixObject[];
  /** the software SCOs of its products, unmarked: several entries may share one */
  software: StixObject[];
  /** the identities of its external suppliers, undated and unmarked: several entries may share one */
  suppliers: StixObject[];
  /** the network identities it names: its organisation's (the author) and its providers' */
  identities: StixObject[];
}

/**
 * The objects of one entry. `liveId` maps the deterministic id of a relationship or supplier to the
 * one to use (the STIX store gives a revoked id a successor: STIX 2.1 §3.6.2 allows it no new version);
 * `supplierId` gives an external supplier's deterministic id (the store's: supplierIdFor).
 */
export function entryObjects(
  entry: StixRegisterEntry,
  identities: RegisterIdentities,
  liveId: (id: string) => string = (id) => id,
  supplierId: (provider: string) => string = (provider) => externalSupplierId(entry.orgSlug, provider),
): EntryObjects {
  const named: StixObject[] = [];
  const networkIdentity = (slug: string) => {
    const identity = identities.identityOf(slug);
    if (identity) named.push(identity);
    return identity;
  };
  const author = networkIdentity(entry.orgSlug);
  const authored = {
    spec_version: '2.1',
    created: iso(entry.createdAt),
    modified: iso(entry.updatedAt),
    ...(author ? { created_by_ref: author.id } : {}),
    object_marking_refs: [markingRefFor(entry.tlp)],
  };
  const id = `infrastructure--${entry.id}`;
  const infrastructure = {
    type: 'infrastructure',
    id,
    ...authored,
    name: entry.name,
    infrastructure_types: [INFRASTRUCTURE_TYPE[entry.kind]],
    x_isac_kind: entry.kind,
    x_isac_criticality: entry.criticality,
  };
  const relationships: StixObject[] = [];
  const software: StixObject[] = [];
  const suppliers: StixObject[] = [];
  const relate = (type: string, target: string) =>
    relationships.push({
      type: 'relationship',
      id: liveId(relationshipId(id, type, target)),
      ...authored,
      relationship_type: type,
      source_ref: id,
      target_ref: target,
    });
  for (const cpe of entry.products) {
    const sco = softwareOf(cpe);
    software.push(sco);
    relate('consists-of', sco.id as string);
  }
  for (const provider of entry.dependsOn) {
    if (provider.startsWith(EXTERNAL_PREFIX)) {
      const supplier = {
        type: 'identity',
        spec_version: '2.1',
        id: liveId(supplierId(provider)),
        ...(author ? { created_by_ref: author.id } : {}),
        name: provider.slice(EXTERNAL_PREFIX.length),
        identity_class: 'organization',
      };
      suppliers.push(supplier);
      relate('related-to', supplier.id);
    } else {
      const identity = networkIdentity(provider);
      if (identity) relate('related-to', identity.id as string);
    }
  }
  return { infrastructure, relationships, software, suppliers, identities: named };
}

/**
 * The entries as one STIX 2.1 bundle: the infrastructure objects, their software and providers, the
 * relationships between them, the identities they name and the TLP marking definitions they use.
 */
export function registerBundle(entries: readonly StixRegisterEntry[], identities: RegisterIdentities, bundleId: string): RegisterBundle {
  const infrastructure: StixObject[] = [];
  const relationships: StixObject[] = [];
  const software = new SharedObjects();
  const suppliers = new SharedObjects();
  const networkIdentities = new Map<string, StixObject>();
  for (const entry of entries) {
    const objects = entryObjects(entry, identities);
    for (const identity of objects.identities) networkIdentities.set(identity.id as string, identity);
    infrastructure.push(objects.infrastructure);
    relationships.push(...objects.relationships);
    for (const sco of objects.software) software.add(sco, entry);
    for (const supplier of objects.suppliers) suppliers.add(supplier, entry);
  }
  const used = [...new Set(entries.map((e) => e.tlp))];
  return {
    type: 'bundle',
    id: bundleId,
    objects: [
      ...used.map(tlpMarkingDefinition),
      ...networkIdentities.values(),
      ...suppliers.list(true),
      ...infrastructure,
      ...software.list(false),
      ...relationships,
    ] as StixObject[],
  };
}

/** An entry read from a bundle, with where each of its parts came from (a refusal points there). */
export interface BundleEntry {
  /** the infrastructure object's index in `objects`, and its id */
  index: number;
  id: string;
  request: RegisterEntryRequest;
  /** JSON pointers into the bundle: products[i], dependsOn[i], the marking */
  pointers: { name: string; products: string[]; dependsOn: string[]; tlp: string };
}

export interface RegisterAuthor {
  /** the caller's own identity id: created_by_ref may name it */
  ownIdentityId: string;
  /** the slug of a network organisation's identity id; undefined for any other id */
  slugOfIdentity(identityId: string): string | undefined;
}

export type BundleRead = { ok: true; entries: BundleEntry[]; warnings: StixProblem[] } | { ok: false; problems: StixProblem[] };

export const REGISTER_BUNDLE_CODES = {
  NO_INFRASTRUCTURE: 'INFRASTRUCTURE.NO_INFRASTRUCTURE',
  CREATED_BY_OTHER_ORG: 'INFRASTRUCTURE.CREATED_BY_OTHER_ORG',
  BAD_ENTRY: 'INFRASTRUCTURE.BAD_ENTRY',
  UNRESOLVED_REFERENCE: 'INFRASTRUCTURE.UNRESOLVED_REFERENCE',
} as const;

/** At most this many infrastructure objects a bundle: one upload is one transaction. */
export const MAX_BUNDLE_ENTRIES = 1000;

const isObject = (v: unknown): v is StixObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A bundle → entries of the caller's register. The bundle must be valid STIX 2.1 (libs/stix); every
 * object authored by another organisation of the network is refused (only an organisation writes its
 * register, DESIGN §2 ownership); each `infrastructure` object is an entry: `x_isac_kind` (else from
 * `infrastructure_types`, else `service`), `x_isac_criticality` (required), `consists-of` software
 * with a `cpe` for its products, `related-to` identities for its providers (a network organisation's
 * identity by its id or `x_isac_slug`, any other by `external:<name>`), the strictest TLP of its
 * `object_marking_refs` (none: the register's default). Every problem at once, each with its pointer.
 * What the entries say (CPE syntax, slugs that exist, the TLP label) is checked by checkEntry after.
 */
export function readRegisterBundle(bundle: unknown, author: RegisterAuthor): BundleRead {
  const report = validateBundle(bundle);
  if (!report.valid) return { ok: false, problems: report.errors };
  const objects = (bundle as { objects?: unknown[] }).objects ?? [];
  const problems: StixProblem[] = [];
  const problem = (code: string, message: string, index: number, pointer: string) =>
    problems.push({ code, message, index, id: String((objects[index] as StixObject).id), pointer });

  const indexById = new Map<string, number>();
  objects.forEach((o, i) => {
    if (!isObject(o)) return;
    indexById.set(String(o.id), i);
    const ref = o.created_by_ref;
    if (typeof ref === 'string' && ref !== author.ownIdentityId && author.slugOfIdentity(ref) !== undefined)
      problem(
        REGISTER_BUNDLE_CODES.CREATED_BY_OTHER_ORG,
        `created_by_ref ${ref} is the identity of another organisation of the network: only an organisation writes its own register`,
        i,
        `/objects/${i}/created_by_ref`,
      );
  });
  const at = (id: unknown) => (typeof id === 'string' ? indexById.get(id) : undefined);
  const relationships = objects.flatMap((o, i) => (isObject(o) && o.type === 'relationship' ? [{ r: o, i }] : []));

  const entries: BundleEntry[] = [];
  objects.forEach((infra, index) => {
    if (!isObject(infra) || infra.type !== 'infrastructure') return;
    const base = `/objects/${index}`;
    const related = (type: string) => relationships.filter(({ r }) => r.relationship_type === type && r.source_ref === infra.id);
    const kind = typeof infra.x_isac_kind === 'string' ? infra.x_isac_kind : kindOfTypes(infra.infrastructure_types);
    if (!(ASSET_KINDS as readonly string[]).includes(kind))
      problem(REGISTER_BUNDLE_CODES.BAD_ENTRY, `x_isac_kind "${kind}" is not one of ${ASSET_KINDS.join(', ')}`, index, `${base}/x_isac_kind`);
    const criticality = infra.x_isac_criticality;
    if (typeof criticality !== 'string' || !(CRITICALITIES as readonly string[]).includes(criticality))
      problem(REGISTER_BUNDLE_CODES.BAD_ENTRY, `x_isac_criticality must be one of ${CRITICALITIES.join(', ')}`, index, `${base}/x_isac_criticality`);
    const name = String(infra.name);
    if (name.length > 200) problem(REGISTER_BUNDLE_CODES.BAD_ENTRY, 'the name is longer than 200 characters', index, `${base}/name`);

    const products: string[] = [];
    const productPointers: string[] = [];
    // the objects that are the entry's alone (it and its relationships): it is marked as strictly as the strictest
    // marking on any of them, granular parts included (software and suppliers are shared by entries, marked for all)
    const parts: StixObject[] = [infra];
    for (const { r, i } of related('consists-of')) {
      const target = at(r.target_ref);
      const software = target === undefined ? undefined : (objects[target] as StixObject);
      parts.push(r);
      if (software === undefined) {
        if (String(r.target_ref).startsWith('software--'))
          problem(REGISTER_BUNDLE_CODES.UNRESOLVED_REFERENCE, `${String(r.target_ref)} is not in the bundle`, i, `/objects/${i}/target_ref`);
        continue;
      }
      if (software.type !== 'software') continue;
      if (typeof software.cpe !== 'string') {
        problem(
          REGISTER_BUNDLE_CODES.BAD_ENTRY,
          `software of ${String(infra.id)} without a cpe: the register names products by CPE 2.3`,
          target!,
          `/objects/${target}`,
        );
        continue;
      }
      products.push(software.cpe);
      productPointers.push(`/objects/${target}/cpe`);
    }

    const dependsOn: string[] = [];
    const providerPointers: string[] = [];
    for (const { r, i } of related('related-to')) {
      const ref = String(r.target_ref);
      if (!ref.startsWith('identity--')) continue;
      parts.push(r);
      const target = at(ref);
      const identity = target === undefined ? undefined : (objects[target] as StixObject);
      const slug = author.slugOfIdentity(ref) ?? (typeof identity?.x_isac_slug === 'string' ? identity.x_isac_slug : undefined);
      if (slug !== undefined) dependsOn.push(slug);
      else if (identity !== undefined) dependsOn.push(`${EXTERNAL_PREFIX}${String(identity.name)}`);
      else {
        problem(
          REGISTER_BUNDLE_CODES.UNRESOLVED_REFERENCE,
          `${ref} is neither in the bundle nor an organisation of the network`,
          i,
          `/objects/${i}/target_ref`,
        );
        continue;
      }
      providerPointers.push(`/objects/${i}/target_ref`);
    }

    // the limits POST /infrastructure's body has (RegisterEntryDto)
    if (products.length > 200 || dependsOn.length > 200)
      problem(REGISTER_BUNDLE_CODES.BAD_ENTRY, 'an entry has at most 200 products and 200 providers', index, base);
    products.forEach((cpe, i) => {
      if (cpe.length > 1000) problem(REGISTER_BUNDLE_CODES.BAD_ENTRY, 'a CPE name is at most 1000 characters', index, productPointers[i]);
    });
    dependsOn.forEach((provider, i) => {
      if (provider.length > 300) problem(REGISTER_BUNDLE_CODES.BAD_ENTRY, 'a provider is named in at most 300 characters', index, providerPointers[i]);
    });
    const tlp = mostRestrictive(parts.flatMap(markingRefsOf).flatMap((ref) => tlpOfMarkingRef(ref) ?? []));
    entries.push({
      index,
      id: String(infra.id),
      request: { name, kind: kind as AssetKind, criticality: criticality as Criticality, products, dependsOn, ...(tlp ? { tlp } : {}) },
      pointers: { name: `${base}/name`, products: productPointers, dependsOn: providerPointers, tlp: `${base}/object_marking_refs` },
    });
  });
  if (!entries.length)
    problems.push({ code: REGISTER_BUNDLE_CODES.NO_INFRASTRUCTURE, message: 'the bundle holds no infrastructure object', pointer: '/objects' });
  if (entries.length > MAX_BUNDLE_ENTRIES)
    problems.push({
      code: REGISTER_BUNDLE_CODES.BAD_ENTRY,
      message: `more than ${MAX_BUNDLE_ENTRIES} infrastructure objects: send the register in parts`,
      pointer: '/objects',
    });
  return problems.length ? { ok: false, problems } : { ok: true, entries, warnings: report.warnings };
}

/** Every marking an object carries, on the whole of it and on its parts (granular markings). */
function markingRefsOf(o: StixObject): unknown[] {
  const granular = Array.isArray(o.granular_markings) ? o.granular_markings : [];
  return [...(Array.isArray(o.object_marking_refs) ? o.object_marking_refs : []), ...granular.map((g) => (isObject(g) ? g.marking_ref : undefined))];
}

/** The register's kind for STIX infrastructure types without `x_isac_kind`. */
function kindOfTypes(types: unknown): string {
  const list = Array.isArray(types) ? types : [];
  if (list.includes('control-system')) return 'ot';
  if (list.includes('routers-switches')) return 'network';
  return 'service';
}
