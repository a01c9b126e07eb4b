// STIX 2.1 (property naming): a property whose name ends in `_ref` holds an identifier and
// one ending in `_refs` holds a list of identifiers — wherever it appears in an object, including
// custom properties and extensions.

import { isIdentifier } from './identifiers.js';
import { describe, isPlainObject, STIX_CODES as C, type StixCode } from './problems.js';
import type { PropertyChecker } from './property-checker.js';

/** Deeper nesting than this is reported instead of walked (hostile input must not exhaust the stack). */
export const MAX_NESTING = 64;

export interface ReferenceSite {
  /** The `_ref` / `_refs` property name. */
  property: string;
  /** The value found there (not necessarily well formed). */
  value: unknown;
  /** Path from the object root to the property. */
  tokens: Array<string | number>;
}

export interface ReferenceScan {
  sites: ReferenceSite[];
  /** Path to the first value left unvisited because it was nested too deeply. */
  tooDeep?: Array<string | number>;
}

/**
 * Top-level properties whose content is not STIX references: observed-data's deprecated
 * `objects` uses local keys ("0", "1") as refs; language-content's `contents` holds translations.
 */
const OPAQUE_TOP_LEVEL = new Set(['objects', 'contents']);

export function scanReferences(obj: Record<string, unknown>): ReferenceScan {
  const scan: ReferenceScan = { sites: [] };
  // one path, extended and shortened as the walk goes: copied only where a site is found
  const path: Array<string | number> = [];
  const visit = (value: unknown, token: string | number): void => {
    path.push(token);
    if (typeof token === 'string' && (token.endsWith('_ref') || token.endsWith('_refs'))) {
      scan.sites.push({ property: token, value, tokens: path.slice() });
    } else if (path.length > MAX_NESTING) {
      // the last one in document order, as the reports have always named it
      scan.tooDeep = path.slice();
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) visit(value[i], i);
    } else if (isPlainObject(value)) {
      for (const key of Object.keys(value)) visit(value[key], key);
    }
    path.pop();
  };
  for (const key of Object.keys(obj)) {
    if (!OPAQUE_TOP_LEVEL.has(key)) visit(obj[key], key);
  }
  return scan;
}

/**
 * Reports every `_ref` that is not an identifier and every `_refs` that is not a list of them.
 * Inside properties the specification (or an extension) defines, that is an error; inside custom
 * properties (§11.1, kept as given) it is a warning, so foreign content is still accepted.
 */
export function checkReferenceForms(v: PropertyChecker, isDefinedProperty: (prop: string) => boolean): void {
  const scan = scanReferences(v.obj);
  if (scan.tooDeep) {
    v.error(C.NESTING_TOO_DEEP, `values nested deeper than ${MAX_NESTING} levels are not checked`, ...scan.tooDeep);
  }
  for (const site of scan.sites) {
    const top = site.tokens[0];
    const custom = typeof top === 'string' && top !== 'extensions' && !isDefinedProperty(top);
    const report = (code: StixCode, message: string, ...tokens: Array<string | number>): void =>
      custom ? v.warn(code, `${message} (custom property)`, ...tokens) : v.error(code, message, ...tokens);
    if (site.property.endsWith('_ref')) {
      if (!isIdentifier(site.value)) {
        report(C.INVALID_REFERENCE, `'${site.property}' must be an identifier (<type>--<UUID>), got ${describe(site.value)}`, ...site.tokens);
      }
      continue;
    }
    if (!Array.isArray(site.value)) {
      report(C.INVALID_PROPERTY_TYPE, `'${site.property}' must be a list of identifiers, got ${describe(site.value)}`, ...site.tokens);
      continue;
    }
    if (site.value.length === 0) report(C.EMPTY_LIST, `'${site.property}' MUST NOT be an empty list`, ...site.tokens);
    site.value.forEach((item, i) => {
      if (!isIdentifier(item)) {
        report(C.INVALID_REFERENCE, `'${site.property}' entries must be identifiers (<type>--<UUID>), got ${describe(item)}`, ...site.tokens, i);
      }
    });
  }
}

/** Every well-formed identifier an object refers to, with the path where it appears. */
export function referencedIds(obj: Record<string, unknown>): Array<{ ref: string; tokens: Array<string | number> }> {
  const found: Array<{ ref: string; tokens: Array<string | number> }> = [];
  for (const site of scanReferences(obj).sites) {
    if (Array.isArray(site.value)) {
      site.value.forEach((item, i) => {
        if (isIdentifier(item)) found.push({ ref: item, tokens: [...site.tokens, i] });
      });
    } else if (isIdentifier(site.value)) {
      found.push({ ref: site.value, tokens: site.tokens });
    }
  }
  return found;
}
