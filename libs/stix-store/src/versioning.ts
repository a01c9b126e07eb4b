// Pure rules of the versioned store (STIX 2.1 §3.6 "Versioning"): no Nest, no TypeORM.
import { canonicalJson, compareTimestamps, effectiveTlp, type StixProblem, type TlpLabel } from '@isac/stix';

/** A problem the store finds in a submission, in the validator's shape (code, pointer, index, id). */
export type StoreProblem = StixProblem;

export const STORE_CODES = {
  /** The same (id, modified) twice with different content — in one bundle or against the store. */
  VERSION_CONFLICT: 'STIX.VERSION_CONFLICT',
  /** A new version of an object whose current version is revoked (§3.6.2: no further versions). */
  REVOKED: 'STIX.REVOKED',
  UNRESOLVED_REFERENCE: 'STIX.UNRESOLVED_REFERENCE',
  UNKNOWN_MARKING: 'STIX.UNKNOWN_MARKING',
  UNSAFE_PROPERTY_NAME: 'STIX.UNSAFE_PROPERTY_NAME',
  /** A copy of an object received from another organisation, under a weaker marking (DESIGN §2 ownership). */
  WEAKER_THAN_RECEIVED: 'TLP.WEAKER_THAN_RECEIVED',
} as const;

export interface VersionKey {
  stixId: string;
  version: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `modified` as received, else `created` (marking definitions), else '' (SCOs are unversioned). */
export function versionOf(obj: Record<string, unknown>): string {
  return str(obj.modified) ?? str(obj.created) ?? '';
}

/**
 * Entries keyed by id, then by version: the ids are the objects' own strings (hashed once each),
 * where `<id>|<version>` keys would be new strings to hash at every lookup.
 */
export class ByVersion<T> {
  private readonly byId = new Map<string, Map<string, T> | { version: string; value: T }>();

  get(id: string, version: string): T | undefined {
    const entry = this.byId.get(id);
    if (entry === undefined) return undefined;
    if (entry instanceof Map) return entry.get(version);
    return entry.version === version ? entry.value : undefined;
  }

  set(id: string, version: string, value: T): void {
    const entry = this.byId.get(id);
    if (entry === undefined) this.byId.set(id, { version, value });
    else if (entry instanceof Map) entry.set(version, value);
    else if (entry.version === version) entry.value = value;
    else this.byId.set(id, new Map([[entry.version, entry.value], [version, value]]));
  }
}

/** The same (id, version) twice in one bundle must be the same object; identical copies are redundant. */
export function withinBundleConflicts(objects: Record<string, unknown>[]): StoreProblem[] {
  const first = new ByVersion<number>();
  const problems: StoreProblem[] = [];
  objects.forEach((obj, index) => {
    const id = str(obj.id);
    if (id === undefined) return;
    const version = versionOf(obj);
    const at = first.get(id, version);
    if (at === undefined) {
      first.set(id, version, index);
      return;
    }
    // canonical forms only for the rare repeated key: key order and spacing do not make a difference
    if (canonicalJson(objects[at]) !== canonicalJson(obj)) {
      problems.push({
        code: STORE_CODES.VERSION_CONFLICT,
        message: `${id} appears at index ${at} with the same version and different content; a change needs a later 'modified'`,
        index,
        id,
        pointer: `/objects/${index}`,
      });
    }
  });
  return problems;
}

/** A stored version without its content: what the store's checks and storage need of every id. */
export interface HeldVersion {
  stixId: string;
  version: string;
  revoked: boolean;
  isCurrent: boolean;
}

/** A held version with its content (`object`, or the stored `text`) where a submission repeats it. */
export interface HeldVersionInfo extends HeldVersion {
  object?: Record<string, unknown>;
  /** The stored JSON text, as the hub wrote it (JSON.stringify of what it received). */
  text?: string;
}

/** The versions a submission repeats of what is held: those whose content must be compared. */
export function repeatedVersions(objects: Record<string, unknown>[], held: { stixId: string; version: string }[]): VersionKey[] {
  if (held.length === 0) return [];
  const heldVersions = new ByVersion<true>();
  for (const h of held) heldVersions.set(h.stixId, h.version, true);
  const repeated = new ByVersion<VersionKey>();
  const keys: VersionKey[] = [];
  for (const obj of objects) {
    const id = str(obj.id);
    if (id === undefined) continue;
    const version = versionOf(obj);
    if (heldVersions.get(id, version) && !repeated.get(id, version)) {
      const key = { stixId: id, version };
      repeated.set(id, version, key);
      keys.push(key);
    }
  }
  return keys;
}

/** Problems of the submission against what the store holds for the same ids. */
export function conflictsWithStore(objects: Record<string, unknown>[], stored: HeldVersionInfo[]): StoreProblem[] {
  if (stored.length === 0) return [];
  const byVersion = new ByVersion<HeldVersionInfo>();
  for (const s of stored) byVersion.set(s.stixId, s.version, s);
  const revokedIds = new Set(stored.filter((s) => s.isCurrent && s.revoked).map((s) => s.stixId));
  const markingVersions = new Map<string, string>();
  for (const s of stored) if (s.stixId.startsWith('marking-definition--')) markingVersions.set(s.stixId, s.version);
  const problems: StoreProblem[] = [];
  objects.forEach((obj, index) => {
    const id = str(obj.id);
    if (id === undefined) return;
    const same = byVersion.get(id, versionOf(obj));
    if (same !== undefined) {
      if (!sameContent(obj, same)) {
        problems.push({
          code: STORE_CODES.VERSION_CONFLICT,
          message: `the hub already holds ${id} version ${versionOf(obj) || '(unversioned)'} with different content; a change needs a later 'modified'`,
          index,
          id,
          pointer: `/objects/${index}/modified`,
        });
      }
      return; // the same version again: a no-op
    }
    const markingVersion = markingVersions.get(id);
    if (markingVersion !== undefined) {
      // STIX 2.1 §7.2.1: marking definitions cannot be versioned; the hub holds one per id for everyone
      problems.push({
        code: STORE_CODES.VERSION_CONFLICT,
        message: `the hub already holds marking definition ${id} (created ${markingVersion}); marking definitions are never versioned`,
        index,
        id,
        pointer: `/objects/${index}`,
      });
      return;
    }
    if (revokedIds.has(id)) {
      problems.push({
        code: STORE_CODES.REVOKED,
        message: `${id} has been revoked; STIX 2.1 §3.6.2 allows no further versions`,
        index,
        id,
        pointer: `/objects/${index}`,
      });
    }
  });
  return problems;
}

/** The same content, whatever the key order or spacing; the stored text first, as it mostly is byte for byte. */
function sameContent(obj: Record<string, unknown>, held: HeldVersionInfo): boolean {
  if (held.text !== undefined && held.text === JSON.stringify(obj)) return true;
  const object = held.object ?? (held.text === undefined ? undefined : (JSON.parse(held.text) as Record<string, unknown>));
  if (object === undefined) return false;
  // the hub sets created_by_ref when a reporter leaves it out: the same object sent again without it is unchanged
  const compared = obj.created_by_ref === undefined ? withoutAuthor(object) : object;
  return canonicalJson(compared) === canonicalJson(obj);
}

function withoutAuthor(obj: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...obj };
  delete copy.created_by_ref;
  return copy;
}

/** The instant of a version, for ordering; null for unversioned SCOs. */
export function versionInstant(version: string): Date | null {
  if (version === '') return null;
  const at = new Date(version);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** true when `a` is a later version than `b` (STIX timestamps of any precision). */
export function isLaterVersion(a: string, b: string): boolean {
  return compareTimestamps(a, b) > 0;
}

/** The TLP the policy applies to an object: its own marking, else that of the submission it came in. */
export function objectTlp(obj: Record<string, unknown>, submissionTlp: TlpLabel | undefined): TlpLabel | undefined {
  return effectiveTlp(obj) ?? submissionTlp;
}

// Keys that mean something to JavaScript objects. JSON.parse keeps them as plain own properties,
// but any consumer that merges them into objects (Object.assign, lodash.merge, …) can be polluted;
// the hub refuses to store or pass them on.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 64;

/** Every property named __proto__, constructor or prototype, at any depth, with its pointer. */
export function unsafeKeys(objects: Record<string, unknown>[]): StoreProblem[] {
  const problems: StoreProblem[] = [];
  // one path for the whole walk: a pointer is written only for a property that is refused
  const path: string[] = [];
  const walk = (value: unknown, index: number, id: string | undefined, depth: number) => {
    if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(String(i));
        walk(value[i], index, id, depth + 1);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(value)) {
      path.push(key);
      if (UNSAFE_KEYS.has(key)) {
        const pointer = `/objects/${index}` + path.map((token) => '/' + token.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
        problems.push({
          code: STORE_CODES.UNSAFE_PROPERTY_NAME,
          message: `the property name '${key}' is refused (prototype pollution)`,
          index,
          ...(id ? { id } : {}),
          pointer,
        });
      }
      walk((value as Record<string, unknown>)[key], index, id, depth + 1);
      path.pop();
    }
  };
  objects.forEach((obj, index) => walk(obj, index, str(obj.id), 0));
  return problems;
}
