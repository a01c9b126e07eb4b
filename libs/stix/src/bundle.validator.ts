// STIX 2.1 §8 bundles: `type: "bundle"`, a bundle id, and the objects — each validated on its
// own, all problems reported together with the object's index, id and JSON pointer.

import { parseIdentifier } from './identifiers.js';
import { validateObject } from './object.validator.js';
import { describe, isPlainObject, own, ProblemSink, STIX_CODES as C, type ValidationReport } from './problems.js';

export function validateBundle(input: unknown): ValidationReport {
  const sink = new ProblemSink();
  try {
    checkBundle(input, sink);
  } catch (e) {
    sink.error(C.INTERNAL, `the validator failed on this bundle: ${e instanceof Error ? e.message : 'unknown error'}`, '');
  }
  return sink.report();
}

function checkBundle(input: unknown, sink: ProblemSink): void {
  if (!isPlainObject(input)) {
    sink.error(C.NOT_AN_OBJECT, `a bundle must be a JSON object, got ${describe(input)}`, '');
    return;
  }
  const type = own(input, 'type');
  if (type === undefined) sink.error(C.REQUIRED_PROPERTY, `'type' is required`, '/type');
  else if (type !== 'bundle') sink.error(C.INVALID_VALUE, `a bundle's 'type' must be "bundle", got ${describe(type)}`, '/type');

  const id = own(input, 'id');
  if (id === undefined) {
    sink.error(C.REQUIRED_PROPERTY, `'id' is required`, '/id');
  } else {
    const parsed = parseIdentifier(id);
    if (!parsed) sink.error(C.INVALID_ID, `'id' must be bundle--<RFC 4122 UUID>, got ${describe(id)}`, '/id');
    else if (parsed.type !== 'bundle') sink.error(C.ID_TYPE_MISMATCH, `a bundle's id must start with 'bundle--'`, '/id');
  }

  if (own(input, 'spec_version') !== undefined) {
    // STIX 2.0 bundles carried spec_version; in 2.1 each object carries its own.
    sink.warn(C.DEPRECATED, `bundles have no 'spec_version' in STIX 2.1 (each object carries its own)`, '/spec_version');
  }

  const objects = own(input, 'objects');
  if (objects === undefined) {
    // The spec lets a bundle omit `objects`; the hub has nothing to do with such a bundle.
    sink.error(C.REQUIRED_PROPERTY, `'objects' is required`, '/objects');
    return;
  }
  if (!Array.isArray(objects)) {
    sink.error(C.INVALID_PROPERTY_TYPE, `'objects' must be a list, got ${describe(objects)}`, '/objects');
    return;
  }
  if (objects.length === 0) sink.error(C.EMPTY_LIST, `'objects' MUST NOT be an empty list`, '/objects');

  objects.forEach((obj, index) => {
    const report = validateObject(obj, index);
    sink.errors.push(...report.errors);
    sink.warnings.push(...report.warnings);
  });
  warnDuplicates(objects, sink);
}

/** The same version of an object (same id and modified) twice in one bundle is redundant. */
function warnDuplicates(objects: unknown[], sink: ProblemSink): void {
  const versionOf = (obj: Record<string, unknown>): string => {
    const version = own(obj, 'modified') ?? own(obj, 'created');
    return typeof version === 'string' ? version : '';
  };
  // by id first (the objects' own strings); `<id>|<version>` keys only for the rare id seen twice
  const firstById = new Map<string, number>();
  const byVersion = new Map<string, number>();
  objects.forEach((obj, index) => {
    if (!isPlainObject(obj)) return;
    const id = own(obj, 'id');
    if (typeof id !== 'string') return;
    const at = firstById.get(id);
    if (at === undefined) {
      firstById.set(id, index);
      return;
    }
    const firstKey = `${id}|${versionOf(objects[at] as Record<string, unknown>)}`;
    if (!byVersion.has(firstKey)) byVersion.set(firstKey, at);
    const key = `${id}|${versionOf(obj)}`;
    const first = byVersion.get(key);
    if (first === undefined) {
      byVersion.set(key, index);
      return;
    }
    sink.warnings.push({
      code: C.DUPLICATE_OBJECT,
      message: `the same version of ${id} already appears at index ${first}`,
      index,
      id,
      pointer: `/objects/${index}`,
    });
  });
}
