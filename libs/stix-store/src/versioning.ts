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

/** The same (id, version) twice in one bundle must be the same object; identical copies are redundant. */
export function withinBundleConflicts(objects: Record<string, unknown>[]): StoreProblem[] {
  const first = new Map<string, number>();
  const problems: StoreProblem[] = [];
  objects.forEach((obj, index) => {
    const id = str(obj.id);
    if (id === undefined) return;
    const key = `${id}|${versionOf(obj)}`;
    const at = first.get(key);
    if (at === undefined) {
      first.set(key, index);
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

/** Problems of the submission against what the store holds for the same ids. */
export function conflictsWithStore(
  objects: Record<string, unknown>[],
  stored: { stixId: string; version: string; revoked: boolean; isCurrent: boolean; object: Record<string, unknown> }[],
): StoreProblem[] {
  const byKey = new Map(stored.map((s) => [`${s.stixId}|${s.version}`, s]));
  const revokedIds = new Set(stored.filter((s) => s.isCurrent && s.revoked).map((s) => s.stixId));
  const problems: StoreProblem[] = [];
  objects.forEach((obj, index) => {
    const id = str(obj.id);
    if (id === undefined) return;
    const same = byKey.get(`${id}|${versionOf(obj)}`);
    if (same !== undefined) {
      // the hub sets created_by_ref when a reporter leaves it out: the same object sent again without it is unchanged
      const held = obj.created_by_ref === undefined ? withoutAuthor(same.object) : same.object;
      if (canonicalJson(held) !== canonicalJson(obj)) {
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
    if (revokedIds.has(id)) {
      problems.push({ code: STORE_CODES.REVOKED, message: `${id} has been revoked; STIX 2.1 §3.6.2 allows no further versions`, index, id, pointer: `/objects/${index}` });
    }
  });
  return problems;
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
  const walk = (value: unknown, pointer: string, index: number, id: string | undefined, depth: number) => {
    if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${pointer}/${i}`, index, id, depth + 1));
      return;
    }
    for (const key of Object.keys(value)) {
      const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (UNSAFE_KEYS.has(key)) {
        problems.push({ code: STORE_CODES.UNSAFE_PROPERTY_NAME, message: `the property name '${key}' is refused (prototype pollution)`, index, ...(id ? { id } : {}), pointer: at });
      }
      walk((value as Record<string, unknown>)[key], at, index, id, depth + 1);
    }
  };
  objects.forEach((obj, index) => walk(obj, `/objects/${index}`, index, str(obj.id), 0));
  return problems;
}
