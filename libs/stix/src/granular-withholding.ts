// STIX 2.1 §7.2.3 granular markings, on the way out: the parts a reader may not read are withheld
// from the object it is served (DESIGN §2: "a reader sees a part only where the part's own marking
// allows"). Only TLP markings restrict (TLP 2.0 or 1.0 ids); `lang` and other markings do not.
// Whether a part's TLP may be read is the TLP policy's (`partReadability` in @isac/tlp); this file
// only knows what a selector selects and what removing it leaves of the object. What is served
// stays valid STIX: a withheld optional property, list item or nested property is removed, and the
// granular markings that selected only removed parts with it; when what is withheld is a required
// property, or something that identifies or marks the object, the whole object is withheld (null).
import { partReadability, type Network, type PartOwner, type Reader } from '@isac/tlp';
import { requiredPropertiesOf, validateObject } from './object.validator.js';
import { hasOwn, isPlainObject } from './problems.js';
import { tlpOfMarkingRef, type TlpLabel } from './tlp-markings.js';

/**
 * Properties that say what the object is, which version, who made it, how it is marked, and whether
 * it is still to be relied on: an object served without one of them would be another object, or
 * look unmarked, or current when it was revoked, or live when it was defanged.
 */
const IDENTIFYING = new Set([
  'type',
  'id',
  'spec_version',
  'created',
  'modified',
  'created_by_ref',
  'object_marking_refs',
  'granular_markings',
  'revoked',
  'defanged',
]);

/** Extensions that make the object what it is (§7.3: a new object type, or its top-level properties). */
const DEFINING_EXTENSIONS = new Set(['new-sdo', 'new-sro', 'new-sco', 'toplevel-property-extension']);

const LIST_INDEX = /^\[(0|[1-9][0-9]*)\]$/;

/** Cheap test on an object's JSON text: false means it has no granular markings, so nothing to withhold. */
export function mayCarryGranularMarkings(json: string): boolean {
  return json.includes('"granular_markings"');
}

/**
 * The object as `reader` may see it: `owner` is the stored object's author and named recipients,
 * which decide with each part's TLP (canRead) whether the reader may read that part. The object
 * itself is returned when nothing is withheld; null when the whole object must be withheld.
 * The object as a whole must already be readable by the reader: this only judges its parts.
 */
export function objectAsSeenBy(obj: Record<string, unknown>, owner: PartOwner, reader: Reader, network: Network): Record<string, unknown> | null {
  if (!Array.isArray(obj.granular_markings)) return obj;
  return withholdParts(obj, partReadability(owner, reader, network));
}

/**
 * `obj` without the parts selected by a granular TLP marking `mayRead` refuses (null when that
 * leaves no valid object). The input is not modified; it is returned itself when nothing is withheld.
 */
export function withholdParts(obj: Record<string, unknown>, mayRead: (label: TlpLabel) => boolean): Record<string, unknown> | null {
  const markings = obj.granular_markings;
  if (!Array.isArray(markings)) return obj;
  const withheld = new Set<string>();
  for (const marking of markings) {
    if (!isPlainObject(marking) || !Array.isArray(marking.selectors)) continue;
    const label = tlpOfMarkingRef(marking.marking_ref);
    if (label === undefined || mayRead(label)) continue;
    for (const selector of marking.selectors) if (typeof selector === 'string') withheld.add(selector);
  }
  if (withheld.size === 0) return obj;
  const first = removeParts(obj, withheld);
  if (first === null) return null;
  // what the selectors name alone may leave a nested structure or a conditional rule unmet (an
  // external reference without description, url or external_id): the enclosing list item or
  // optional property goes as well, once; anything still invalid is withheld whole
  const escalated = enclosingPartsOf(newErrorPointers(obj, first.object), obj);
  if (escalated === null) return null;
  if (escalated.size === 0) return first.object;
  const second = removeParts(obj, new Set([...withheld, ...escalated]));
  if (second === null || newErrorPointers(obj, second.object).length > 0) return null;
  return second.object;
}

/** `obj` without the parts at these selectors, its granular markings re-pointed; null when an identifying or required property goes. */
function removeParts(obj: Record<string, unknown>, withheld: ReadonlySet<string>): { object: Record<string, unknown> } | null {
  const ancestors = new Set<string>();
  for (const selector of withheld) {
    const steps = selector.split('.');
    for (let n = 1; n < steps.length; n++) ancestors.add(steps.slice(0, n).join('.'));
  }
  const removed = new Set<string>();
  const removedIndices = new Map<string, number[]>();
  const pruned = prune(obj, '', { withheld, ancestors, removed, removedIndices }) as Record<string, unknown>;
  const required = new Set(typeof obj.type === 'string' ? requiredPropertiesOf(obj.type) : ['type', 'id']);
  for (const path of removed) {
    const top = path.split('.', 1)[0]!;
    // any part of what identifies the object; a required property only as a whole (one of its list items may go)
    if (IDENTIFYING.has(top) || (top === path && required.has(path))) return null;
  }
  if (removesDefiningExtension(obj, removed)) return null;
  const markings = remainingMarkings(obj.granular_markings as unknown[], removed, removedIndices);
  const { granular_markings: _dropped, ...rest } = pruned;
  return { object: markings.length > 0 ? { ...rest, granular_markings: markings } : rest };
}

interface PruneState {
  withheld: ReadonlySet<string>;
  ancestors: ReadonlySet<string>;
  removed: Set<string>;
  removedIndices: Map<string, number[]>;
}

const GONE = Symbol('gone');

/** A copy of `value` (at selector `path`) without the withheld parts; GONE when nothing of a list or object is left. */
function prune(value: unknown, path: string, state: PruneState): unknown {
  const child = (key: string) => (path === '' ? key : `${path}.${key}`);
  const keep = (childPath: string, childValue: unknown): unknown => {
    if (state.withheld.has(childPath)) return GONE;
    return state.ancestors.has(childPath) ? prune(childValue, childPath, state) : childValue;
  };
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((item, i) => {
      const itemPath = child(`[${i}]`);
      const kept = keep(itemPath, item);
      if (kept !== GONE) return void out.push(kept);
      state.removed.add(itemPath);
      const indices = state.removedIndices.get(path) ?? [];
      state.removedIndices.set(path, [...indices, i]);
    });
    // §2 list: an empty list MUST NOT stand in for an omitted property
    return out.length === 0 && value.length > 0 ? GONE : out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    let any = false;
    for (const [key, v] of Object.entries(value)) {
      const keyPath = child(key);
      const kept = keep(keyPath, v);
      if (kept === GONE) state.removed.add(keyPath);
      else {
        out[key] = kept;
        any = true;
      }
    }
    // a nested structure left empty carries nothing; at the top, the object stays (its required properties are checked)
    return !any && path !== '' ? GONE : out;
  }
  return value;
}

function removesDefiningExtension(obj: Record<string, unknown>, removed: ReadonlySet<string>): boolean {
  const extensions = obj.extensions;
  if (!isPlainObject(extensions)) return false;
  return Object.entries(extensions).some(
    ([id, ext]) =>
      isPlainObject(ext) && DEFINING_EXTENSIONS.has(ext.extension_type as string) && (removed.has('extensions') || removed.has(`extensions.${id}`)),
  );
}

/** The granular markings still selecting something, their selectors pointing at the same parts after list items were removed. */
function remainingMarkings(markings: unknown[], removed: ReadonlySet<string>, removedIndices: ReadonlyMap<string, number[]>): unknown[] {
  const out: unknown[] = [];
  for (const marking of markings) {
    if (!isPlainObject(marking) || !Array.isArray(marking.selectors)) continue;
    const selectors = marking.selectors.flatMap((selector) => {
      const moved = typeof selector === 'string' ? repointed(selector, removed, removedIndices) : undefined;
      return moved === undefined ? [] : [moved];
    });
    if (selectors.length > 0) out.push({ ...marking, selectors });
  }
  return out;
}

/** The selector after removals; undefined when it, or something enclosing it, was removed. */
function repointed(selector: string, removed: ReadonlySet<string>, removedIndices: ReadonlyMap<string, number[]>): string | undefined {
  const steps = selector.split('.');
  const out: string[] = [];
  for (let n = 0; n < steps.length; n++) {
    const parent = steps.slice(0, n).join('.');
    if (removed.has(steps.slice(0, n + 1).join('.'))) return undefined;
    const index = LIST_INDEX.exec(steps[n]!);
    if (index) {
      const i = Number(index[1]);
      const before = (removedIndices.get(parent) ?? []).filter((j) => j < i).length;
      out.push(`[${i - before}]`);
    } else out.push(steps[n]!);
  }
  return out.join('.');
}

/** Pointers of the validation errors `after` has and `before` had not (a stored object may predate a rule). */
function newErrorPointers(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const known = new Set(validateObject(before).errors.map((e) => `${e.code} ${e.pointer}`));
  return validateObject(after).errors.filter((e) => !known.has(`${e.code} ${e.pointer}`)).map((e) => e.pointer);
}

/**
 * For each error pointer inside an optional property, the selector of what encloses it: the item
 * of a top-level list, the entry of a top-level object (one extension), else the property. Null when an error is about the object
 * itself or one of its identifying or required properties: then no part can be removed to mend it.
 */
function enclosingPartsOf(pointers: string[], obj: Record<string, unknown>): Set<string> | null {
  const parts = new Set<string>();
  const required = new Set(typeof obj.type === 'string' ? requiredPropertiesOf(obj.type) : ['type', 'id']);
  for (const pointer of pointers) {
    const tokens = pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    const [property, second] = tokens;
    if (property === undefined || tokens.length < 2 || IDENTIFYING.has(property) || required.has(property) || !hasOwn(obj, property)) return null;
    const value = obj[property];
    if (Array.isArray(value) && /^\d+$/.test(second!)) parts.add(`${property}.[${second}]`);
    // one extension (or dictionary entry), not all of them; a key a selector cannot name, the whole property
    else if (isPlainObject(value) && hasOwn(value, second!) && !second!.includes('.')) parts.add(`${property}.${second}`);
    else parts.add(property);
  }
  return parts;
}
