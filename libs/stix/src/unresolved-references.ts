// References that point outside a bundle. The store supplies `known`; the standard TLP marking
// definitions (TLP 1.0 and 2.0) are fixed objects every STIX consumer knows, so they always resolve.

import { isPlainObject, own, pointerTo } from './problems.js';
import { forEachReferencedId, referencedIds } from './references.js';
import { isTlpMarkingRef } from './tlp-markings.js';

export interface UnresolvedReference {
  /** The identifier that resolves neither within the bundle nor through `known`. */
  ref: string;
  /** Index of the referring object in `objects`. */
  index: number;
  /** Id of the referring object, when it has one. */
  id?: string;
  /** JSON pointer to the reference, e.g. `/objects/2/created_by_ref`. */
  pointer: string;
}

/** The bundle's `objects` and the set of their ids; null when it has no objects array. */
function objectsAndIds(bundle: unknown): { objects: unknown[]; inBundle: Set<string> } | null {
  if (!isPlainObject(bundle)) return null;
  const objects = own(bundle, 'objects');
  if (!Array.isArray(objects)) return null;
  const inBundle = new Set<string>();
  for (const obj of objects) {
    const id = isPlainObject(obj) ? own(obj, 'id') : undefined;
    if (typeof id === 'string') inBundle.add(id);
  }
  return { objects, inBundle };
}

/**
 * Every reference (any `_ref` / `_refs` property, at any depth) that is not the id of an object in
 * the bundle and that `known` does not recognise, one entry per occurrence, in bundle order.
 * Malformed references are the validator's business and are skipped here.
 */
export function unresolvedReferences(bundle: unknown, known: (id: string) => boolean = () => false): UnresolvedReference[] {
  const parts = objectsAndIds(bundle);
  if (!parts) return [];
  const { objects, inBundle } = parts;
  const verdicts = new Map<string, boolean>();
  const resolves = (ref: string): boolean => {
    if (inBundle.has(ref) || isTlpMarkingRef(ref)) return true;
    let verdict = verdicts.get(ref);
    if (verdict === undefined) {
      verdict = known(ref) === true;
      verdicts.set(ref, verdict);
    }
    return verdict;
  };
  const unresolved: UnresolvedReference[] = [];
  objects.forEach((obj, index) => {
    if (!isPlainObject(obj)) return;
    const id = own(obj, 'id');
    for (const { ref, tokens } of referencedIds(obj)) {
      if (resolves(ref)) continue;
      const entry: UnresolvedReference = { ref, index, pointer: pointerTo('', 'objects', index, ...tokens) };
      if (typeof id === 'string') entry.id = id;
      unresolved.push(entry);
    }
  });
  return unresolved;
}

/**
 * The distinct ids referenced by the bundle's objects that are neither in the bundle nor standard
 * TLP markings — what a store should look up (in one query) before calling `unresolvedReferences`.
 * Walks the references without writing a pointer for each.
 */
export function referencesOutsideBundle(bundle: unknown): string[] {
  const parts = objectsAndIds(bundle);
  if (!parts) return [];
  const { objects, inBundle } = parts;
  const outside = new Set<string>();
  for (const obj of objects) {
    if (!isPlainObject(obj)) continue;
    forEachReferencedId(obj, (ref) => {
      if (!inBundle.has(ref) && !isTlpMarkingRef(ref)) outside.add(ref);
    });
  }
  return [...outside];
}
