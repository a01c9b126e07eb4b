// Validates one STIX 2.1 object: common properties by kind, the type's own rules, references,
// granular markings, extensions, indicator patterns and the Incident Core extension. Every
// problem is collected; nothing is thrown and the input is never modified.

import { MARKING_COMMON, SCO_COMMON, VERSIONED_COMMON } from './common.rules.js';
import { checkExtensions, declaredExtensionTypes } from './extensions.js';
import { checkGranularMarkings } from './granular-markings.js';
import { isTypeName, parseIdentifier } from './identifiers.js';
import { checkIncidentCore } from './incident-core.js';
import { META_RULES } from './meta.rules.js';
import { isCustomTypeName, kindOfType, type ObjectKind } from './object-kinds.js';
import { parsePattern } from './pattern.parser.js';
import {
  describe,
  isPlainObject,
  pointerTo,
  ProblemSink,
  STIX_CODES as C,
  type ValidationReport,
} from './problems.js';
import { PropertyChecker } from './property-checker.js';
import { SCO_ID_CONTRIBUTING_PROPERTIES } from './sco-id.js';
import { compiledRules, type PropertyRules } from './property-rules.js';
import { checkReferenceForms } from './references.js';
import { SCO_RULES } from './sco.rules.js';
import { SDO_RULES, SRO_RULES } from './sdo.rules.js';

/** STIX 2.1 §3.1 / §11.1: property names are a–z, 0–9 and `_`, 3 to 250 characters (`id` aside). */
const PROPERTY_NAME = /^[a-z0-9_]{3,250}$/;

/** §3.2 common properties, whatever the object's kind. */
const COMMON_PROPERTY_NAMES = ['type', 'id', 'spec_version', 'granular_markings', 'extensions', 'defanged'];

/** Custom objects whose kind is not declared: check the common properties they do carry. */
const LOOSE_COMMON: PropertyRules = { ...VERSIONED_COMMON, required: [] };

/**
 * Validates one object. With `index`, pointers are prefixed with `/objects/<index>` and problems
 * carry the index, as when the object sits in a bundle.
 */
export function validateObject(obj: unknown, index?: number): ValidationReport {
  const sink = new ProblemSink(index);
  const base = index === undefined ? '' : pointerTo('', 'objects', index);
  try {
    checkObject(obj, base, sink);
  } catch (e) {
    // A bug here must not turn bad input into a 500; report it as an error of this object instead.
    sink.error(C.INTERNAL, `the validator failed on this object: ${e instanceof Error ? e.message : 'unknown error'}`, base);
  }
  return sink.report();
}

function checkObject(obj: unknown, base: string, sink: ProblemSink): void {
  if (!isPlainObject(obj)) {
    sink.error(C.NOT_AN_OBJECT, `a STIX object must be a JSON object, got ${describe(obj)}`, base);
    return;
  }
  const v = new PropertyChecker(obj, base, sink);
  const type = checkType(v);
  checkId(v, type);
  checkPropertyNames(v);
  checkSpecVersion(v);

  const kind = type === undefined ? undefined : classify(v, type);
  if (kind === 'sco') checkScoIdVersion(v, type!);
  else if (kind !== undefined && v.has('defanged')) {
    // §3.2 defanged: "This property MUST NOT be used on any STIX Objects other than SCOs."
    v.error(C.PROPERTY_NOT_ALLOWED, `'defanged' is only for SCOs, not for a '${type}'`, 'defanged');
  }
  v.apply(commonRules(kind, type));
  const rules = type === undefined ? undefined : typeRules(type);
  if (rules) v.apply(rules);

  const defined = definedFor(commonRules(kind, type), rules);
  checkReferenceForms(v, (prop) => defined.has(prop));
  checkGranularMarkings(v);
  checkExtensions(v, type);
  if (type === 'indicator') checkIndicatorPattern(v);
  if (type === 'incident') checkIncidentCore(v);
}

/**
 * The properties an object of `type` MUST carry: the common ones of its kind (§3.2) and its type's
 * own. Conditional requirements (at least one of, required together) are the validator's to check.
 * Custom types not known here require none beyond those every object has (`type`, `id`).
 */
export function requiredPropertiesOf(type: string): readonly string[] {
  const rules = typeRules(type);
  const kind = type === 'marking-definition' ? 'meta' : kindOfType(type);
  return ['type', 'id', ...compiledRules(commonRules(kind, type)).required, ...(rules ? compiledRules(rules).required : [])];
}

/** The properties the specification defines for an object with these common and type rules (computed once per pair). */
const definedByRules = new WeakMap<PropertyRules, Map<PropertyRules | undefined, ReadonlySet<string>>>();

function definedFor(common: PropertyRules, rules: PropertyRules | undefined): ReadonlySet<string> {
  let byType = definedByRules.get(common);
  if (byType === undefined) definedByRules.set(common, (byType = new Map()));
  let defined = byType.get(rules);
  if (defined === undefined) {
    defined = new Set([...COMMON_PROPERTY_NAMES, ...compiledRules(common).defined, ...(rules ? compiledRules(rules).defined : [])]);
    byType.set(rules, defined);
  }
  return defined;
}

function checkType(v: PropertyChecker): string | undefined {
  if (!v.has('type')) {
    v.error(C.REQUIRED_PROPERTY, `'type' is required`, 'type');
    return undefined;
  }
  const type = v.get('type');
  if (typeof type !== 'string') {
    v.error(C.INVALID_PROPERTY_TYPE, `'type' must be a string, got ${describe(type)}`, 'type');
    return undefined;
  }
  if (!isTypeName(type)) {
    // §3.1: a–z, 0–9 and '-', starting with a letter, 3–250 characters.
    v.error(C.INVALID_TYPE_NAME, `${describe(type)} is not a valid type name`, 'type');
  }
  return type;
}

function checkId(v: PropertyChecker, type: string | undefined): void {
  if (!v.has('id')) {
    v.error(C.REQUIRED_PROPERTY, `'id' is required`, 'id');
    return;
  }
  const id = v.get('id');
  if (typeof id !== 'string') {
    v.error(C.INVALID_PROPERTY_TYPE, `'id' must be a string, got ${describe(id)}`, 'id');
    return;
  }
  if (id.length <= 300) v.sink.identify(id);
  const parsed = parseIdentifier(id);
  if (!parsed) {
    // §2.9: identifiers are `<type>--<UUID>` with an RFC 4122 UUID.
    v.error(C.INVALID_ID, `'id' must be <type>--<RFC 4122 UUID>, got ${describe(id)}`, 'id');
    return;
  }
  if (type !== undefined && parsed.type !== type) {
    v.error(C.ID_TYPE_MISMATCH, `'id' names type '${parsed.type}' but the object's type is '${type}'`, 'id');
  }
  // §2.9: SCOs SHOULD use UUIDv5 (deterministic ids), everything else SHOULD use UUIDv4.
  const sco = type !== undefined && kindOfType(type) === 'sco';
  if (sco ? parsed.version !== 5 && parsed.version !== 4 : parsed.version !== 4) {
    v.warn(C.UUID_VERSION, `'id' uses a version ${parsed.version} UUID; STIX recommends ${sco ? 'v5 (or v4)' : 'v4'}`, 'id');
  }
}

/** The SCO types none of whose ID contributing properties (sco-id.ts) is required on its own (§6). */
const ALL_CONTRIBUTING_OPTIONAL = new Set(['artifact', 'email-message', 'file', 'user-account', 'windows-registry-key', 'x509-certificate']);

/**
 * §2.9: "If the contributing properties are all optional, and none are present on the SCO, then a
 * UUIDv4 MUST be used" — a UUIDv5 there cannot have come from the deterministic-id rules.
 */
function checkScoIdVersion(v: PropertyChecker, type: string): void {
  if (!ALL_CONTRIBUTING_OPTIONAL.has(type)) return;
  const contributing = SCO_ID_CONTRIBUTING_PROPERTIES[type]!;
  for (let i = 0; i < contributing.length; i++) if (v.has(contributing[i])) return;
  if (parseIdentifier(v.get('id'))?.version === 5) {
    v.error(C.UUID_VERSION, `a '${type}' with none of its ID contributing properties (${contributing.join(', ')}) MUST use a UUIDv4 id`, 'id');
  }
}

/** Property names already found well formed: objects of a bundle share most of theirs (bounded). */
const goodPropertyNames = new Set<string>();
const MAX_REMEMBERED_NAMES = 4096;

function checkPropertyNames(v: PropertyChecker): void {
  for (const key of Object.keys(v.obj)) {
    if (key === 'id' || goodPropertyNames.has(key)) continue;
    if (PROPERTY_NAME.test(key)) {
      if (goodPropertyNames.size < MAX_REMEMBERED_NAMES) goodPropertyNames.add(key);
    } else {
      v.error(C.INVALID_PROPERTY_NAME, `property name ${describe(key)} must be 3–250 characters of a–z, 0–9 and '_'`, key);
    }
  }
}

function checkSpecVersion(v: PropertyChecker): void {
  if (v.has('spec_version') && v.get('spec_version') !== '2.1') {
    v.error(C.SPEC_VERSION, `'spec_version' must be "2.1", got ${describe(v.get('spec_version'))}`, 'spec_version');
  }
}

/**
 * The kind of a specification type, or of a custom type declared through an extension
 * definition (`new-sdo`, `new-sro`, `new-sco`, §7.3). Undeclared types other than `x-` ones are
 * kept but warned about.
 */
function classify(v: PropertyChecker, type: string): ObjectKind | undefined {
  const kind = kindOfType(type);
  if (kind) return kind;
  const declared = declaredExtensionTypes(v.obj);
  if (declared.includes('new-sdo')) return 'sdo';
  if (declared.includes('new-sro')) return 'sro';
  if (declared.includes('new-sco')) return 'sco';
  if (!isCustomTypeName(type) && isTypeName(type)) {
    v.warn(C.UNKNOWN_TYPE, `'${type}' is not a STIX 2.1 type and no extension definition declares it`, 'type');
  }
  return undefined;
}

function commonRules(kind: ObjectKind | undefined, type: string | undefined): PropertyRules {
  if (type === 'marking-definition') return MARKING_COMMON;
  switch (kind) {
    case 'sdo':
    case 'sro':
    case 'meta':
      return VERSIONED_COMMON;
    case 'sco':
      return SCO_COMMON;
    default:
      return LOOSE_COMMON;
  }
}

function typeRules(type: string): PropertyRules | undefined {
  for (const table of [SDO_RULES, SRO_RULES, SCO_RULES, META_RULES]) {
    if (Object.prototype.hasOwnProperty.call(table, type)) return table[type];
  }
  return undefined;
}

/** §9: indicators with pattern_type "stix" carry a pattern in the STIX Patterning language. */
function checkIndicatorPattern(v: PropertyChecker): void {
  const pattern = v.get('pattern');
  if (v.get('pattern_type') !== 'stix' || typeof pattern !== 'string') return;
  const result = parsePattern(pattern);
  if (result.ok) return;
  const { message, position, kind } = result.error;
  v.error(
    kind === 'mixed-types' ? C.PATTERN_MIXED_TYPES : C.PATTERN_SYNTAX,
    `invalid STIX pattern at position ${position}: ${message}`,
    'pattern',
  );
}
