// Declarative property rules: each STIX section (object types, predefined extensions, nested
// structures) is written as one table of these, applied by PropertyChecker.

import { kindOfType, type ObjectKind } from './object-kinds.js';
import type { PropertyChecker } from './property-checker.js';

/**
 * Which object types a reference may point to. Kinds accept custom (non-specification) types too,
 * since a custom type's kind cannot be known from its id.
 */
export type RefTarget = readonly string[] | 'sdo' | 'sco' | 'sdo-or-sco' | 'sco-or-sro' | 'any';

export interface PropertyRules {
  required?: readonly string[];
  /** Each group: at least one of these properties MUST be present. */
  requiredOneOf?: readonly (readonly string[])[];
  /** Each pair: the two properties MUST NOT both be present. */
  exclusive?: readonly (readonly [string, string])[];
  strings?: readonly string[];
  stringLists?: readonly string[];
  booleans?: readonly string[];
  /** Integer properties with their inclusive range. */
  integers?: Readonly<Record<string, readonly [number, number]>>;
  numbers?: Readonly<Record<string, readonly [number, number]>>;
  timestamps?: readonly string[];
  /** `_ref` / `_refs` properties and the types they may point to (their form is checked everywhere). */
  refs?: Readonly<Record<string, RefTarget>>;
  /** String properties (enum type) whose value MUST come from the list. */
  enums?: Readonly<Record<string, readonly string[]>>;
  /** List-of-string properties (list of enum) whose values MUST come from the list. */
  enumLists?: Readonly<Record<string, readonly string[]>>;
  /** String properties (open-vocab type) whose value SHOULD come from the list. */
  openVocabs?: Readonly<Record<string, readonly string[]>>;
  /** List-of-string properties (list of open-vocab) whose values SHOULD come from the list. */
  openVocabLists?: Readonly<Record<string, readonly string[]>>;
  /** [earlier, later, 'le' | 'lt']: the later timestamp MUST NOT precede (or equal, for 'lt') the earlier. */
  order?: readonly (readonly [string, string, 'le' | 'lt'])[];
  hashes?: readonly string[];
  dictionaries?: readonly string[];
  objects?: Readonly<Record<string, PropertyRules>>;
  objectLists?: Readonly<Record<string, PropertyRules>>;
  check?: (checker: PropertyChecker) => void;
}

export function refTargetAllows(target: RefTarget, type: string): boolean {
  if (target === 'any') return true;
  if (Array.isArray(target)) return target.includes(type);
  const kind: ObjectKind | undefined = kindOfType(type);
  if (kind === undefined) return true; // custom types: their kind is not knowable from the id
  switch (target) {
    case 'sdo':
      return kind === 'sdo';
    case 'sco':
      return kind === 'sco';
    case 'sdo-or-sco':
      return kind === 'sdo' || kind === 'sco';
    case 'sco-or-sro':
      return kind === 'sco' || kind === 'sro';
    default:
      return false;
  }
}

export function describeTarget(target: RefTarget): string {
  if (Array.isArray(target)) return target.join(', ');
  return (
    {
      any: 'any object',
      sdo: 'SDOs',
      sco: 'SCOs',
      'sdo-or-sco': 'SDOs and SCOs',
      'sco-or-sro': 'SCOs and SROs',
    } as Record<string, string>
  )[target as string]!;
}

/**
 * A rule table in the form PropertyChecker walks: every entry list computed once per table (the
 * tables are module constants), so that checking an object allocates nothing for its rules.
 */
export interface CompiledRules {
  required: readonly string[];
  requiredOneOf: readonly (readonly string[])[];
  exclusive: readonly (readonly [string, string])[];
  strings: readonly string[];
  /** §2.8: the string properties whose names end in `_hex`, which hold hex-encoded octets. */
  hexStrings: readonly string[];
  stringLists: readonly string[];
  booleans: readonly string[];
  integers: readonly (readonly [string, readonly [number, number]])[];
  numbers: readonly (readonly [string, readonly [number, number]])[];
  timestamps: readonly string[];
  refs: readonly (readonly [string, RefTarget])[];
  /** [property, values, closed (enum), list] */
  vocabularies: readonly (readonly [string, readonly string[], boolean, boolean])[];
  order: readonly (readonly [string, string, 'le' | 'lt'])[];
  hashes: readonly string[];
  dictionaries: readonly string[];
  objects: readonly (readonly [string, PropertyRules])[];
  objectLists: readonly (readonly [string, PropertyRules])[];
  defined: ReadonlySet<string>;
}

const compiled = new WeakMap<PropertyRules, CompiledRules>();

export function compiledRules(rules: PropertyRules): CompiledRules {
  let c = compiled.get(rules);
  if (c === undefined) {
    c = {
      required: rules.required ?? [],
      requiredOneOf: rules.requiredOneOf ?? [],
      exclusive: rules.exclusive ?? [],
      strings: rules.strings ?? [],
      hexStrings: (rules.strings ?? []).filter((p) => p.endsWith('_hex')),
      stringLists: rules.stringLists ?? [],
      booleans: rules.booleans ?? [],
      integers: Object.entries(rules.integers ?? {}),
      numbers: Object.entries(rules.numbers ?? {}),
      timestamps: rules.timestamps ?? [],
      refs: Object.entries(rules.refs ?? {}),
      vocabularies: [
        ...Object.entries(rules.enums ?? {}).map(([p, v]) => [p, v, true, false] as const),
        ...Object.entries(rules.enumLists ?? {}).map(([p, v]) => [p, v, true, true] as const),
        ...Object.entries(rules.openVocabs ?? {}).map(([p, v]) => [p, v, false, false] as const),
        ...Object.entries(rules.openVocabLists ?? {}).map(([p, v]) => [p, v, false, true] as const),
      ],
      order: rules.order ?? [],
      hashes: rules.hashes ?? [],
      dictionaries: rules.dictionaries ?? [],
      objects: Object.entries(rules.objects ?? {}),
      objectLists: Object.entries(rules.objectLists ?? {}),
      defined: new Set([
        ...(rules.required ?? []),
        ...(rules.requiredOneOf ?? []).flat(),
        ...(rules.exclusive ?? []).flat(),
        ...(rules.strings ?? []),
        ...(rules.stringLists ?? []),
        ...(rules.booleans ?? []),
        ...Object.keys(rules.integers ?? {}),
        ...Object.keys(rules.numbers ?? {}),
        ...(rules.timestamps ?? []),
        ...Object.keys(rules.refs ?? {}),
        ...Object.keys(rules.enums ?? {}),
        ...Object.keys(rules.enumLists ?? {}),
        ...Object.keys(rules.openVocabs ?? {}),
        ...Object.keys(rules.openVocabLists ?? {}),
        ...(rules.hashes ?? []),
        ...(rules.dictionaries ?? []),
        ...Object.keys(rules.objects ?? {}),
        ...Object.keys(rules.objectLists ?? {}),
      ]),
    };
    compiled.set(rules, c);
  }
  return c;
}
