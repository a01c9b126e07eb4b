// Applies PropertyRules to one JSON object, reporting each problem with its JSON pointer.

import { typeOfIdentifier } from './identifiers.js';
import {
  describe,
  hasOwn,
  isPlainObject,
  own,
  pointerTo,
  STIX_CODES as C,
  type ProblemSink,
  type StixCode,
} from './problems.js';
import { compareTimestamps, isStixTimestamp } from './timestamps.js';
import { compiledRules, describeTarget, refTargetAllows, type PropertyRules, type RefTarget } from './property-rules.js';
import { HASH_VALUE_FORMATS } from './vocabularies.js';

const HEX = /^(?:[0-9a-f]{2})*$/;
const DICTIONARY_KEY = /^[A-Za-z0-9_-]{1,250}$/;
const HASH_KEY = /^[A-Za-z0-9_-]{3,250}$/;

export class PropertyChecker {
  constructor(
    readonly obj: Record<string, unknown>,
    readonly base: string,
    readonly sink: ProblemSink,
  ) {}

  get(prop: string): unknown {
    return own(this.obj, prop);
  }

  has(prop: string): boolean {
    return hasOwn(this.obj, prop);
  }

  at(...tokens: Array<string | number>): string {
    return pointerTo(this.base, ...tokens);
  }

  error(code: StixCode, message: string, ...tokens: Array<string | number>): void {
    this.sink.error(code, message, this.at(...tokens));
  }

  warn(code: StixCode, message: string, ...tokens: Array<string | number>): void {
    this.sink.warn(code, message, this.at(...tokens));
  }

  child(obj: Record<string, unknown>, ...tokens: Array<string | number>): PropertyChecker {
    return new PropertyChecker(obj, this.at(...tokens), this.sink);
  }

  apply(rules: PropertyRules): void {
    // indexed loops: this runs for every object and nested structure of a bundle
    const c = compiledRules(rules);
    for (let i = 0; i < c.required.length; i++) {
      const prop = c.required[i];
      if (!this.has(prop)) this.error(C.REQUIRED_PROPERTY, `'${prop}' is required`, prop);
    }
    for (let i = 0; i < c.requiredOneOf.length; i++) {
      const group = c.requiredOneOf[i];
      if (!group.some((p) => this.has(p))) {
        this.error(C.REQUIRED_ONE_OF, `at least one of ${group.map((p) => `'${p}'`).join(', ')} is required`);
      }
    }
    for (let i = 0; i < c.exclusive.length; i++) {
      const [a, b] = c.exclusive[i];
      if (this.has(a) && this.has(b)) this.error(C.PROPERTY_CONFLICT, `'${a}' and '${b}' MUST NOT both be present`, b);
    }
    for (let i = 0; i < c.strings.length; i++) this.string(c.strings[i]);
    for (let i = 0; i < c.hexStrings.length; i++) this.hex(c.hexStrings[i]);
    for (let i = 0; i < c.stringLists.length; i++) this.stringList(c.stringLists[i]);
    for (let i = 0; i < c.booleans.length; i++) this.boolean(c.booleans[i]);
    for (let i = 0; i < c.integers.length; i++) this.number(c.integers[i][0], c.integers[i][1], true);
    for (let i = 0; i < c.numbers.length; i++) this.number(c.numbers[i][0], c.numbers[i][1], false);
    for (let i = 0; i < c.timestamps.length; i++) this.timestamp(c.timestamps[i]);
    for (let i = 0; i < c.refs.length; i++) this.refTargets(c.refs[i][0], c.refs[i][1]);
    for (let i = 0; i < c.vocabularies.length; i++) {
      const [prop, values, closed, list] = c.vocabularies[i];
      this.vocabulary(prop, values, closed, list);
    }
    for (let i = 0; i < c.order.length; i++) this.ordered(c.order[i][0], c.order[i][1], c.order[i][2]);
    for (let i = 0; i < c.hashes.length; i++) this.hashesProperty(c.hashes[i]);
    for (let i = 0; i < c.dictionaries.length; i++) this.dictionary(c.dictionaries[i]);
    for (let i = 0; i < c.objects.length; i++) this.nestedObject(c.objects[i][0], c.objects[i][1]);
    for (let i = 0; i < c.objectLists.length; i++) this.nestedObjectList(c.objectLists[i][0], c.objectLists[i][1]);
    rules.check?.(this);
  }

  string(prop: string): string | undefined {
    if (!this.has(prop)) return undefined;
    const value = this.get(prop);
    if (typeof value === 'string') return value;
    this.error(C.INVALID_PROPERTY_TYPE, `'${prop}' must be a string, got ${describe(value)}`, prop);
    return undefined;
  }

  /** §2.8 hex: "an even number of hexadecimal characters, … '0' through '9' and the lower-case letters 'a' through 'f'". */
  hex(prop: string): void {
    const value = this.get(prop);
    if (typeof value === 'string' && !HEX.test(value)) {
      this.error(C.INVALID_VALUE, `'${prop}' must be hex-encoded: pairs of 0-9 and lower-case a-f`, prop);
    }
  }

  boolean(prop: string): void {
    if (!this.has(prop)) return;
    const value = this.get(prop);
    if (typeof value !== 'boolean') {
      this.error(C.INVALID_PROPERTY_TYPE, `'${prop}' must be a boolean, got ${describe(value)}`, prop);
    }
  }

  /** A non-empty list: STIX 2.1 (list type) prohibits empty lists in place of an absent property. */
  list(prop: string): unknown[] | undefined {
    if (!this.has(prop)) return undefined;
    const value = this.get(prop);
    if (!Array.isArray(value)) {
      this.error(C.INVALID_PROPERTY_TYPE, `'${prop}' must be a list, got ${describe(value)}`, prop);
      return undefined;
    }
    if (value.length === 0) this.error(C.EMPTY_LIST, `'${prop}' MUST NOT be an empty list`, prop);
    return value;
  }

  stringList(prop: string): void {
    this.list(prop)?.forEach((item, i) => {
      if (typeof item !== 'string') {
        this.error(C.INVALID_PROPERTY_TYPE, `'${prop}' must hold strings, got ${describe(item)}`, prop, i);
      }
    });
  }

  number(prop: string, [min, max]: readonly [number, number], integer: boolean): void {
    if (!this.has(prop)) return;
    const value = this.get(prop);
    const kind = integer ? 'an integer' : 'a number';
    if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      this.error(C.INVALID_PROPERTY_TYPE, `'${prop}' must be ${kind}, got ${describe(value)}`, prop);
    } else if (value < min || value > max) {
      this.error(C.VALUE_OUT_OF_RANGE, `'${prop}' must be between ${min} and ${max}, got ${value}`, prop);
    }
  }

  timestamp(prop: string): string | undefined {
    if (!this.has(prop)) return undefined;
    const value = this.get(prop);
    if (isStixTimestamp(value)) return value;
    // STIX 2.1 (timestamp type): RFC 3339, in UTC, ending with Z.
    this.error(
      C.INVALID_TIMESTAMP,
      `'${prop}' must be an RFC 3339 UTC timestamp ending in Z (YYYY-MM-DDTHH:mm:ss[.s+]Z), got ${describe(value)}`,
      prop,
    );
    return undefined;
  }

  ordered(earlier: string, later: string, relation: 'le' | 'lt'): void {
    const a = this.get(earlier);
    const b = this.get(later);
    if (!isStixTimestamp(a) || !isStixTimestamp(b)) return;
    const cmp = compareTimestamps(a, b);
    if (cmp > 0 || (relation === 'lt' && cmp === 0)) {
      const word = relation === 'lt' ? 'later than' : 'later than or equal to';
      this.error(C.TIMESTAMP_ORDER, `'${later}' (${b}) MUST be ${word} '${earlier}' (${a})`, later);
    }
  }

  /** Checks the target types of a `_ref` / `_refs` property whose values are identifiers. */
  refTargets(prop: string, target: RefTarget): void {
    if (!this.has(prop)) return;
    const value = this.get(prop);
    if (Array.isArray(value)) value.forEach((ref, i) => this.refTarget(prop, target, ref, prop, i));
    else this.refTarget(prop, target, value, prop);
  }

  private refTarget(prop: string, target: RefTarget, ref: unknown, ...tokens: Array<string | number>): void {
    const type = typeOfIdentifier(ref);
    if (type === undefined) return; // the form of every _ref/_refs is reported by the reference walker
    if (!refTargetAllows(target, type)) {
      this.error(C.REFERENCE_TYPE, `'${prop}' may not point to a '${type}' (allowed: ${describeTarget(target)})`, ...tokens);
    }
  }

  /** An enum or open-vocab property: one string, or (`list`) a non-empty list of them. */
  vocabulary(prop: string, values: readonly string[], closed: boolean, list: boolean): void {
    if (!this.has(prop)) return;
    const value = this.get(prop);
    if (!Array.isArray(value)) {
      if (list) {
        this.error(C.INVALID_PROPERTY_TYPE, `'${prop}' must be a list of strings, got ${describe(value)}`, prop);
        return;
      }
      this.vocabularyItem(prop, values, closed, value, prop);
      return;
    }
    if (!list) {
      this.error(C.INVALID_PROPERTY_TYPE, `'${prop}' must be a string, got a list`, prop);
      return;
    }
    if (value.length === 0) this.error(C.EMPTY_LIST, `'${prop}' MUST NOT be an empty list`, prop);
    value.forEach((item, i) => this.vocabularyItem(prop, values, closed, item, prop, i));
  }

  private vocabularyItem(prop: string, values: readonly string[], closed: boolean, item: unknown, ...tokens: Array<string | number>): void {
    if (typeof item !== 'string') {
      this.error(C.INVALID_PROPERTY_TYPE, `'${prop}' must hold strings, got ${describe(item)}`, ...tokens);
    } else if (!values.includes(item)) {
      if (closed) {
        this.error(C.ENUM_VALUE, `'${prop}' must be one of ${values.join(', ')}; got ${describe(item)}`, ...tokens);
      } else {
        this.warn(C.OPEN_VOCAB_VALUE, `'${prop}' value ${describe(item)} is not in the suggested vocabulary`, ...tokens);
      }
    }
  }

  /**
   * STIX 2.1 §2.3 (dictionary): non-empty; keys are ASCII a–z, A–Z, 0–9, '-' and '_', at most 250
   * characters (hashes, §2.7: at least 3).
   */
  dictionary(prop: string, keyForm: RegExp = DICTIONARY_KEY): Record<string, unknown> | undefined {
    if (!this.has(prop)) return undefined;
    const value = this.get(prop);
    if (!isPlainObject(value)) {
      this.error(C.INVALID_PROPERTY_TYPE, `'${prop}' must be a dictionary, got ${describe(value)}`, prop);
      return undefined;
    }
    const keys = Object.keys(value);
    if (keys.length === 0) this.error(C.INVALID_VALUE, `'${prop}' MUST NOT be an empty dictionary`, prop);
    for (let i = 0; i < keys.length; i++) {
      if (!keyForm.test(keys[i])) {
        const length = keyForm === HASH_KEY ? '3–250' : '1–250';
        this.error(C.INVALID_DICTIONARY_KEY, `key ${describe(keys[i])} of '${prop}' must be ${length} characters of a–z, A–Z, 0–9, '-' and '_'`, prop, keys[i]);
      }
    }
    return value;
  }

  /** STIX 2.1 (hashes type): a dictionary of hash algorithm name to hash value. */
  hashesProperty(prop: string): void {
    const hashes = this.dictionary(prop, HASH_KEY);
    if (!hashes) return;
    for (const [algorithm, digest] of Object.entries(hashes)) {
      if (typeof digest !== 'string') {
        this.error(C.INVALID_PROPERTY_TYPE, `hash '${algorithm}' must be a string, got ${describe(digest)}`, prop, algorithm);
        continue;
      }
      const format = hasOwn(HASH_VALUE_FORMATS, algorithm) ? HASH_VALUE_FORMATS[algorithm] : undefined;
      if (format && !format.test(digest)) {
        this.error(C.INVALID_VALUE, `hash '${algorithm}' has the wrong form for that algorithm`, prop, algorithm);
      }
    }
  }

  nestedObject(prop: string, rules: PropertyRules): void {
    if (!this.has(prop)) return;
    const value = this.get(prop);
    if (!isPlainObject(value)) {
      this.error(C.INVALID_PROPERTY_TYPE, `'${prop}' must be an object, got ${describe(value)}`, prop);
      return;
    }
    this.child(value, prop).apply(rules);
  }

  nestedObjectList(prop: string, rules: PropertyRules): void {
    this.list(prop)?.forEach((item, i) => {
      if (!isPlainObject(item)) {
        this.error(C.INVALID_PROPERTY_TYPE, `'${prop}' must hold objects, got ${describe(item)}`, prop, i);
        return;
      }
      this.child(item, prop, i).apply(rules);
    });
  }
}
