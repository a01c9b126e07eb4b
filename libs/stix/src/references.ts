// STIX 2.1 (property naming): a property whose name ends in `_ref` holds an identifier and
// one ending in `_refs` holds a list of identifiers — wherever it appears in an object, including
// custom properties and extensions.

import { isIdentifier } from './identifiers.js';
import { describe, isPlainObject, STIX_CODES as C, type StixCode } from './problems.js';
import type { PropertyChecker } from './property-checker.js';

/** Deeper nesting than this is reported instead of walked (hostile input must not exhaust the stack). */
export const MAX_NESTING = 64;

/**
 * Top-level properties whose content is not STIX references: observed-data's deprecated
 * `objects` uses local keys ("0", "1") as refs; language-content's `contents` holds translations.
 */
const OPAQUE_TOP_LEVEL = new Set(['objects', 'contents']);

/**
 * Calls `site` for every `_ref` / `_refs` property at any depth (the opaque top-level properties
 * aside), with the path to it: one array shared by the whole walk, to be copied by a caller that
 * keeps it. Returns the path to the last value (in document order) left unvisited for nesting
 * deeper than MAX_NESTING.
 */
export function walkReferences(
  obj: Record<string, unknown>,
  site: (property: string, value: unknown, path: ReadonlyArray<string | number>) => void,
): Array<string | number> | undefined {
  let tooDeep: Array<string | number> | undefined;
  const path: Array<string | number> = [];
  const visit = (value: unknown, token: string | number): void => {
    path.push(token);
    if (typeof token === 'string' && (token.endsWith('_ref') || token.endsWith('_refs'))) {
      site(token, value, path);
    } else if (path.length > MAX_NESTING) {
      tooDeep = path.slice();
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (i in value) visit(value[i], i);
    } else if (isPlainObject(value)) {
      const keys = Object.keys(value);
      for (let i = 0; i < keys.length; i++) visit(value[keys[i]], keys[i]);
    }
    path.pop();
  };
  const keys = Object.keys(obj);
  for (let i = 0; i < keys.length; i++) {
    if (!OPAQUE_TOP_LEVEL.has(keys[i])) visit(obj[keys[i]], keys[i]);
  }
  return tooDeep;
}

/**
 * Reports every `_ref` that is not an identifier and every `_refs` that is not a list of them.
 * Inside properties the specification (or an extension) defines, that is an error; inside custom
 * properties (§11.1, kept as given) it is a warning, so foreign content is still accepted.
 */
export function checkReferenceForms(v: PropertyChecker, isDefinedProperty: (prop: string) => boolean): void {
  // well-formed references (nearly all) cost no path copy: a problem is kept only where one is found
  const found: Array<{ code: StixCode; message: string; tokens: Array<string | number>; custom: boolean }> = [];
  const tooDeep = walkReferences(v.obj, (property, value, path) => {
    const top = path[0];
    const custom = typeof top === 'string' && top !== 'extensions' && !isDefinedProperty(top);
    const report = (code: StixCode, message: string, ...extra: Array<string | number>): void => {
      found.push({ code, message, tokens: [...path, ...extra], custom });
    };
    if (property.endsWith('_ref')) {
      if (!isIdentifier(value)) report(C.INVALID_REFERENCE, `'${property}' must be an identifier (<type>--<UUID>), got ${describe(value)}`);
      return;
    }
    if (!Array.isArray(value)) {
      report(C.INVALID_PROPERTY_TYPE, `'${property}' must be a list of identifiers, got ${describe(value)}`);
      return;
    }
    if (value.length === 0) report(C.EMPTY_LIST, `'${property}' MUST NOT be an empty list`);
    value.forEach((item, i) => {
      if (!isIdentifier(item)) report(C.INVALID_REFERENCE, `'${property}' entries must be identifiers (<type>--<UUID>), got ${describe(item)}`, i);
    });
  });
  if (tooDeep) v.error(C.NESTING_TOO_DEEP, `values nested deeper than ${MAX_NESTING} levels are not checked`, ...tooDeep);
  for (const f of found) {
    if (f.custom) v.warn(f.code, `${f.message} (custom property)`, ...f.tokens);
    else v.error(f.code, f.message, ...f.tokens);
  }
}

/** Calls `use` with every well-formed identifier an object refers to, at any depth. */
export function forEachReferencedId(obj: Record<string, unknown>, use: (ref: string) => void): void {
  walkReferences(obj, (_property, value) => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (isIdentifier(value[i])) use(value[i] as string);
    } else if (isIdentifier(value)) {
      use(value);
    }
  });
}

/** Every well-formed identifier an object refers to, with the path where it appears. */
export function referencedIds(obj: Record<string, unknown>): Array<{ ref: string; tokens: Array<string | number> }> {
  const found: Array<{ ref: string; tokens: Array<string | number> }> = [];
  walkReferences(obj, (_property, value, path) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (isIdentifier(item)) found.push({ ref: item, tokens: [...path, i] });
      });
    } else if (isIdentifier(value)) {
      found.push({ ref: value, tokens: path.slice() });
    }
  });
  return found;
}
